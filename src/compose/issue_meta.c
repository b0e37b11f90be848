/* The 版头 and 版记 of a 简报 from options over the briefing's meta (jb_issue_*).
 * One table of what each option sets, applied either to a parsed briefing
 * (build) or to the pack's JSON model (pack, so that briefing.json keeps them
 * for a later build). Options win; defaults fill only what is missing, and only
 * for an official template (one with a masthead). */
#include <cJSON.h>
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/jv.h"
#include "jianbao/issue.h"

typedef struct field {
  const char *key;  /* meta key */
  size_t off;       /* char * member of jb_meta */
  const char *opt;  /* from the options: set whatever the meta says */
  const char *def;  /* default when the meta has none (official templates) */
} field;

enum { N_FIELDS = 8 };

static void fields(const jb_issue_opts *o, int official, field f[N_FIELDS]) {
  const field t[N_FIELDS] = {
      {"masthead", offsetof(jb_meta, masthead), o->masthead, official ? "工作简报" : NULL},
      {"title", offsetof(jb_meta, title), o->headline, NULL},
      {"issuer", offsetof(jb_meta, issuer), o->issuer, official ? "办公室" : NULL},
      {"date", offsetof(jb_meta, date), o->date, official ? o->today : NULL},
      {"marking", offsetof(jb_meta, marking), o->classification, official ? "内部资料" : NULL},
      {"printer", offsetof(jb_meta, printer), o->printer, NULL},
      {"print_date", offsetof(jb_meta, print_date), o->print_date, NULL},
      {"print", offsetof(jb_meta, print), o->print, NULL}};
  memcpy(f, t, sizeof t);
}

/* An option value that names several units: split at 、 ， , ；. */
typedef void (*unit_fn)(void *user, const char *s, size_t n);

static void split_units(const jb_issue_list *l, unit_fn fn, void *user) {
  static const char *const seps[] = {"、", "，", ",", "；", ";"};
  for (size_t i = 0; i < l->n; i++) {
    const char *p = l->items[i], *start = p;
    while (1) {
      size_t sl = 0;
      for (size_t k = 0; k < 5 && !sl; k++)
        if (*p && !strncmp(p, seps[k], strlen(seps[k]))) sl = strlen(seps[k]);
      if (!*p || sl) {
        if (p > start) fn(user, start, (size_t)(p - start));
        if (!*p) break;
        p += sl, start = p;
        continue;
      }
      p++;
    }
  }
}

static int is_number(const char *s) {
  if (!*s || strlen(s) > 7) return 0;
  for (; *s; s++)
    if (!isdigit((unsigned char)*s)) return 0;
  return 1;
}

/* ---- a parsed briefing -------------------------------------------------------- */

typedef struct list_acc {
  jb_arena *a;
  jb_strlist *l;
  size_t cap;
} list_acc;

static void add_unit(void *user, const char *s, size_t n) {
  list_acc *acc = user;
  if (acc->l->n == acc->cap) {
    size_t cap = acc->cap ? acc->cap * 2 : 8;
    char **items = jv_alloc(acc->a, cap * sizeof(char *));
    if (acc->l->n) memcpy(items, acc->l->items, acc->l->n * sizeof(char *));
    acc->l->items = items, acc->cap = cap;
  }
  acc->l->items[acc->l->n++] = jv_strndup(acc->a, s, n);
}

static void set_list(jb_arena *a, jb_strlist *dst, const jb_issue_list *src) {
  if (!src->n) return;
  list_acc acc = {a, dst, 0};
  dst->n = 0;
  split_units(src, add_unit, &acc);
}

jb_status jb_issue_apply(jb_ctx *ctx, jb_briefing *b, const jb_layout_template *tpl, const jb_issue_opts *o) {
  (void)ctx;
  jb_meta *m = &b->meta;
  jb_arena *a = b->arena_;
  int official = tpl && tpl->masthead.show;
  field f[N_FIELDS];
  fields(o, official, f);
  for (int i = 0; i < N_FIELDS; i++) {
    char **dst = (char **)((char *)m + f[i].off);
    if (f[i].opt) *dst = jv_strdup(a, f[i].opt);
    else if (!*dst && f[i].def) *dst = jv_strdup(a, f[i].def);
  }
  if (o->issue && is_number(o->issue)) m->issue = atol(o->issue), m->issue_text = NULL;
  else if (o->issue) m->issue_text = jv_strdup(a, o->issue), m->issue = 0;
  else if (official && !m->issue && !m->issue_text) m->issue = 1;
  if (o->issue_total) m->issue_total = o->issue_total;
  if (o->copies) m->print_count = o->copies;
  set_list(a, &m->report_to, &o->report_to);
  set_list(a, &m->send_to, &o->send_to);
  set_list(a, &m->issue_to, &o->issue_to);
  set_list(a, &m->cc, &o->cc);
  if (official && !m->report_to.n && !m->send_to.n && !m->issue_to.n && !m->cc.n) {
    jb_issue_list dflt = {{"各有关单位"}, 1};
    set_list(a, &m->issue_to, &dflt);
  }
  return JB_OK;
}

int jb_issue_mono(const jb_briefing *b, const jb_layout_template *tpl) {
  if (b && b->meta.print) return !strcmp(b->meta.print, "mono");
  return tpl && tpl->print_mono;
}

/* ---- the pack's JSON model ------------------------------------------------------ */

static void add_json_unit(void *user, const char *s, size_t n) {
  char buf[512];
  snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf - 1 ? n : sizeof buf - 1), s);
  cJSON_AddItemToArray(user, cJSON_CreateString(buf));
}

static void json_list(cJSON *dist, const char *key, const jb_issue_list *l) {
  if (!l->n) return;
  cJSON *arr = cJSON_CreateArray();
  split_units(l, add_json_unit, arr);
  cJSON_DeleteItemFromObjectCaseSensitive(dist, key);
  cJSON_AddItemToObject(dist, key, arr);
}

static void json_set(cJSON *o, const char *key, cJSON *v) {
  cJSON_DeleteItemFromObjectCaseSensitive(o, key);
  cJSON_AddItemToObject(o, key, v);
}

static void json_numbers(cJSON *meta, cJSON *dist, int official, const jb_issue_opts *o) {
  if (o->issue)
    json_set(meta, "issue", is_number(o->issue) ? cJSON_CreateNumber(atol(o->issue)) : cJSON_CreateString(o->issue));
  else if (official && !cJSON_GetObjectItemCaseSensitive(meta, "issue"))
    json_set(meta, "issue", cJSON_CreateNumber(1));
  if (o->issue_total) json_set(meta, "issue_total", cJSON_CreateNumber((double)o->issue_total));
  if (o->copies) json_set(dist, "print_count", cJSON_CreateNumber((double)o->copies));
}

char *jb_issue_apply_json(jb_ctx *ctx, const char *json, int official, const jb_issue_opts *o) {
  cJSON *root = cJSON_Parse(json);
  cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "meta");
  if (!cJSON_IsObject(meta)) {
    cJSON_Delete(root);
    return jb_strdup(ctx, json);
  }
  field f[N_FIELDS];
  fields(o, official, f);
  int v2 = 0;
  for (int i = 0; i < N_FIELDS; i++) {
    const char *val = f[i].opt ? f[i].opt : cJSON_GetObjectItemCaseSensitive(meta, f[i].key) ? NULL : f[i].def;
    if (!val) continue;
    json_set(meta, f[i].key, cJSON_CreateString(val));
    v2 |= i >= 5; /* printer, print_date, print are version 2 */
  }
  cJSON *dist = cJSON_GetObjectItemCaseSensitive(meta, "distribution");
  if (!dist) dist = cJSON_AddObjectToObject(meta, "distribution");
  json_numbers(meta, dist, official, o);
  json_list(dist, "report_to", &o->report_to);
  json_list(dist, "send_to", &o->send_to);
  json_list(dist, "issue_to", &o->issue_to);
  json_list(dist, "cc", &o->cc);
  if (official && !dist->child) {
    jb_issue_list dflt = {{"各有关单位"}, 1};
    json_list(dist, "issue_to", &dflt);
  }
  if (!dist->child) cJSON_DeleteItemFromObjectCaseSensitive(meta, "distribution");
  if (v2) json_set(root, "version", cJSON_CreateNumber(2));
  char *text = cJSON_Print(root), *out = jb_strdup(ctx, text);
  cJSON_free(text);
  cJSON_Delete(root);
  return out;
}
