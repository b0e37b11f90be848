/* Private to the template loader (template.c, template_issue.c). */
#ifndef JB_TEMPLATE_IMP_H
#define JB_TEMPLATE_IMP_H

#include "compose/jv.h"
#include "jianbao/compose.h"

/* Millimetres in the file, points in the struct. */
jb_status jb_tpl_mm_member(jv *v, const cJSON *o, const char *key, double lo, double hi, double *out_pt);
/* A string whose {field}s must be among fields. */
jb_status jb_tpl_pattern_member(jv *v, const cJSON *o, const char *key, const char *const *fields, char **out);
jb_status jb_tpl_parse_masthead(jb_layout_template *t, jv *v, const cJSON *j);
jb_status jb_tpl_parse_closing(jb_layout_template *t, jv *v, const cJSON *j);
/* The top-level "print": "mono" | "color". */
jb_status jb_tpl_parse_print(jb_layout_template *t, jv *v, const cJSON *root);

#endif
