/* Resolution against extract's in-memory facts (jb_facts of extract.h):
 * "F<n>" ids (1-based) or 0-based indexes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/model.h"
#include "jianbao/extract.h"

/* "F12" -> 11; -1 when the id has another form. */
static long id_index(const char *id) {
  if (!id || id[0] != 'F' || id[1] < '1' || id[1] > '9') return -1;
  char *end;
  long n = strtol(id + 1, &end, 10);
  return *end || n < 1 ? -1 : n - 1;
}

int jb_extract_fact_lookup(void *user, const jb_factref *ref, jb_factrec *out) {
  const jb_facts *f = user;
  long i = ref->id ? id_index(ref->id) : ref->index;
  if (i < 0 || (size_t)i >= jb_facts_count(f)) return 0;
  const jb_fact *x = jb_facts_get(f, (size_t)i);
  memset(out, 0, sizeof *out);
  out->id = ref->id;
  out->label = x->measure;
  out->has_value = x->value_type == JB_VALUE_NUMBER && !x->value_overflow;
  out->value = x->value;
  out->text = x->text;
  out->unit = x->unit[0] ? x->unit : NULL;
  out->qualifier = jb_qualifier_name(x->qualifier);
  out->place = x->place;
  out->series_label = x->series_label;
  return 1;
}

jb_status jb_briefing_resolve_facts(jb_ctx *ctx, jb_briefing *b, const jb_layout_template *tpl,
                                    const jb_facts *facts) {
  return jb_compose_resolve(ctx, b, tpl, jb_extract_fact_lookup, (void *)facts, NULL);
}
