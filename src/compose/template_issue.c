/* Template keys of the 简报's 版头 and 版记 ("masthead", "closing") and the print
 * mode, moved out of template.c (which is over the file-size limit). */
#include <string.h>

#include "compose/template_imp.h"

jb_status jb_tpl_parse_masthead(jb_layout_template *t, jv *v, const cJSON *j) {
  static const char *const keys[] = {"show", "issue_format", "issue_total_format", "rule_mm",
                                     "rule_gap_mm", "height_mm", "issuer_suffix", NULL};
  static const char *const f1[] = {"issue", NULL}, *const f2[] = {"total", NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  if (!st) st = jv_bool(v, j, "show", &t->masthead.show);
  if (!st) st = jb_tpl_pattern_member(v, j, "issue_format", f1, &t->masthead.issue_format);
  if (!st) st = jb_tpl_pattern_member(v, j, "issue_total_format", f2, &t->masthead.issue_total_format);
  if (!st) st = jb_tpl_mm_member(v, j, "rule_mm", 0, 10, &t->masthead.rule_width);
  if (!st) st = jb_tpl_mm_member(v, j, "rule_gap_mm", 0, 100, &t->masthead.rule_gap);
  if (!st) st = jb_tpl_mm_member(v, j, "height_mm", 0, 300, &t->masthead.height);
  if (!st) st = jv_str(v, j, "issuer_suffix", 0, &t->masthead.issuer_suffix);
  return st;
}

jb_status jb_tpl_parse_closing(jb_layout_template *t, jv *v, const cJSON *j) {
  static const char *const keys[] = {"show", "thick_mm", "thin_mm", "inset_em", "report_label",
                                     "send_label", "issue_label", "cc_label",
                                     "print_count_format", NULL};
  static const char *const fn[] = {"n", NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  if (!st) st = jv_bool(v, j, "show", &t->closing.show);
  if (!st) st = jb_tpl_mm_member(v, j, "thick_mm", 0, 5, &t->closing.thick);
  if (!st) st = jb_tpl_mm_member(v, j, "thin_mm", 0, 5, &t->closing.thin);
  if (!st) st = jv_num(v, j, "inset_em", 0, 10, &t->closing.inset);
  if (!st) st = jv_str(v, j, "report_label", 0, &t->closing.report_label);
  if (!st) st = jv_str(v, j, "send_label", 0, &t->closing.send_label);
  if (!st) st = jv_str(v, j, "issue_label", 0, &t->closing.issue_label);
  if (!st) st = jv_str(v, j, "cc_label", 0, &t->closing.cc_label);
  if (!st) st = jb_tpl_pattern_member(v, j, "print_count_format", fn, &t->closing.print_count_format);
  return st;
}

jb_status jb_tpl_parse_print(jb_layout_template *t, jv *v, const cJSON *root) {
  static const char *const modes[] = {"color", "mono", NULL};
  if (!cJSON_GetObjectItemCaseSensitive(root, "print")) return JB_OK;
  int m = 0;
  jb_status st = jv_enum(v, root, "print", modes, &m);
  if (!st) t->print_mono = m == 1;
  return st;
}
