/* Private to the template loader: template.c (files, the extends chain, derived
 * sizes), template_parse.c and template_issue.c (the keys of a file). */
#ifndef JB_TEMPLATE_IMP_H
#define JB_TEMPLATE_IMP_H

#include "compose/jv.h"
#include "jianbao/compose.h"

#define MM (72.0 / 25.4)

/* Raw page geometry as written; resolved in finish() (template.c). */
typedef struct raw_page {
  double w, h;                   /* mm, portrait */
  int landscape;
  double top, bottom, left, right; /* mm; < 0 = unset */
  double ta_w, ta_h;             /* type area, mm; 0 = unset */
  int pitch_set[JB_ROLE_COUNT];
  int even_set[2], first_set[2]; /* header, footer */
} raw_page;

typedef struct loader {
  jb_ctx *ctx;
  jb_layout_template *t;
  raw_page raw;
  const char *top_file, *top_src; /* for errors found after all files applied */
  size_t top_len;
  int depth;
} loader;

static inline jb_rgb rgb(unsigned hex) {
  return (jb_rgb){((hex >> 16) & 255) / 255.0f, ((hex >> 8) & 255) / 255.0f, (hex & 255) / 255.0f};
}

/* template_parse.c: a template file's own keys (all but "extends") applied to L->t. */
jb_status jb_tpl_parse_members(loader *L, jv *v, const cJSON *root);

/* Millimetres in the file, points in the struct. */
jb_status jb_tpl_mm_member(jv *v, const cJSON *o, const char *key, double lo, double hi, double *out_pt);
/* A string whose {field}s must be among fields. */
jb_status jb_tpl_pattern_member(jv *v, const cJSON *o, const char *key, const char *const *fields, char **out);
jb_status jb_tpl_parse_masthead(jb_layout_template *t, jv *v, const cJSON *j);
jb_status jb_tpl_parse_closing(jb_layout_template *t, jv *v, const cJSON *j);
/* The top-level "print": "mono" | "color". */
jb_status jb_tpl_parse_print(jb_layout_template *t, jv *v, const cJSON *root);

#endif
