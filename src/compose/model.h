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

#endif
