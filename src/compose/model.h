/* Private declarations shared by the compose source files. */
#ifndef JB_COMPOSE_MODEL_H
#define JB_COMPOSE_MODEL_H

#include "compose/jv.h"

int jb_inline_is_empty(const jb_inline *in);
/* rel relative to the folder of base_file (absolute rel kept), in the arena. */
char *jb_compose_resolve_path(jb_arena *a, const char *base_file, const char *rel);
/* A layout name that is a file path (has a '/' or ends in .json). */
int jb_template_is_path(const char *s);
/* The message for a path in a briefing outside its folder and the data folder (one %s: the path). */
#define OUTSIDE_MSG "\"%s\" is outside the briefing's folder and the data folder; pass --allow-paths to use it"

/* Resolution with an optional list for nearest-id suggestions. */
jb_status jb_compose_resolve(jb_ctx *ctx, jb_briefing *b, const jb_layout_template *tpl,
                             jb_fact_lookup_fn lookup, void *user, const jb_factlist *list);

/* srcnum.c: a fact's number and unit as the source writes them (2.945亿元: "2.945",
 * "亿元"); 1 when found in a unit of the fact's base. */
int jb_source_number(const jb_factrec *f, jb_buf *num, jb_buf *unit);
/* 5500余元, 1200多万元, 3万多人: the digits, and 余元 / 多万元 / 万多人 as the unit (the qualifier as the
 * source writes it, in place); 0 for any other form. */
int jb_source_number_approx(const jb_factrec *f, jb_buf *num, jb_buf *unit);
/* A figure running text prints as the source writes it: in words (两家, 千余人次) or
 * with 余/多 inside (5500余元). */
int jb_source_in_words(const jb_factrec *f, jb_ctx *ctx);
/* The source's digits moved from unit `from` to `to` by shifting the point (9823
 * 万元 -> 0.9823 亿元); the decimals printed, -1 when the units do not convert. */
int jb_digits_in_unit(const char *digits, const char *from, const char *to, jb_buf *out);
/* The unit a group of facts prints in with every member's source digits kept (out,
 * cap bytes): 1 when there is one (a member's own unit, fewest decimals, then the
 * larger); 0 when a member's source digits are unknown or none fits. */
int jb_shared_source_unit(jb_ctx *ctx, const jb_factrec *fs, size_t n, char *out, size_t cap);

#endif
