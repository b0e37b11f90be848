/* Paths named inside a briefing (facts, layout, image path): resolved
 * relative to the briefing's folder and kept inside it or the data folder
 * unless allowed (jb_ctx_set_allow_paths), so that a briefing from elsewhere
 * cannot read or embed any file on the host. */
#include <stdlib.h>
#include <string.h>

#include "compose/jv.h"
#include "compose/model.h"

/* Relative to the briefing's folder ("-" and in-memory names: the current folder). */
char *jb_compose_resolve_path(jb_arena *a, const char *base_file, const char *rel) {
  if (rel[0] == '/' || !base_file) return jv_strdup(a, rel);
  const char *slash = strrchr(base_file, '/');
  if (!slash) return jv_strdup(a, rel);
  size_t dn = (size_t)(slash - base_file) + 1;
  char *p = jv_alloc(a, dn + strlen(rel) + 1);
  memcpy(p, base_file, dn);
  strcpy(p + dn, rel);
  return p;
}

jb_status jb_briefing_path(jb_ctx *ctx, const jb_briefing *b, const char *key, const char *rel, char **out) {
  jb_arena *tmp = jv_arena_new(ctx);
  char *p = jb_compose_resolve_path(tmp, b->file, rel);
  jb_status st = JB_OK;
  *out = NULL;
  if (!jb_path_allowed(ctx, b->file, p))
    st = jv_fail_path(ctx, b->file, b->src_, b->src_len_, key, OUTSIDE_MSG, rel);
  else
    *out = jb_strdup(ctx, p);
  jv_arena_free(tmp);
  return st;
}

jb_status jb_briefing_template(jb_ctx *ctx, const jb_briefing *b, const char *override,
                               jb_layout_template **out) {
  const char *want = override ? override : b && b->layout ? b->layout : "brief";
  if (!override && b && b->layout && jb_template_is_path(b->layout)) {
    char *p;
    jb_status st = jb_briefing_path(ctx, b, "layout", b->layout, &p);
    if (!st) st = jb_template_load(ctx, p, out);
    jb_free(ctx, p);
    return st;
  }
  return jb_template_load(ctx, want, out);
}
