/* Locates the data folder (fonts/, layouts/, data/) at run time. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

#include "jianbao/core.h"

#ifndef JB_INSTALL_DATA_DIR
#define JB_INSTALL_DATA_DIR "/usr/local/share/jianbao"
#endif

static int exists(const char *p) { return access(p, F_OK) == 0; }

/* build/MODE/jianbao -> the repository root, found by its layouts/ folder. */
static char *tree_root(jb_ctx *ctx) {
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return NULL;
  exe[n] = 0;
  for (int up = 0; up < 4; up++) {
    char *slash = strrchr(exe, '/');
    if (!slash) return NULL;
    *slash = 0;
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/fonts/stacks.json", exe);
    if (exists(probe)) return jb_strdup(ctx, exe);
  }
  return NULL;
}

char *jb_data_path(jb_ctx *ctx, const char *rel) {
  const char *env = getenv("JB_DATA_DIR");
  char *root = env && *env ? jb_strdup(ctx, env) : tree_root(ctx);
  if (!root) root = jb_strdup(ctx, exists("fonts/stacks.json") ? "." : JB_INSTALL_DATA_DIR);
  size_t len = strlen(root) + strlen(rel) + 2;
  char *path = jb_malloc(ctx, len);
  snprintf(path, len, "%s/%s", root, rel);
  jb_free(ctx, root);
  return path;
}

/* p inside folder dir (both resolved). */
static int under(const char *p, const char *dir) {
  size_t n = strlen(dir);
  if (n == 1 && dir[0] == '/') return 1;
  return strncmp(p, dir, n) == 0 && (p[n] == '/' || p[n] == 0);
}

static int inside_real(const char *real, const char *dir) {
  char *rdir = realpath(dir, NULL);
  int ok = rdir && under(real, rdir);
  free(rdir);
  return ok;
}

int jb_path_allowed(jb_ctx *ctx, const char *base_file, const char *path) {
  if (jb_ctx_allow_paths(ctx)) return 1;
  char *real = realpath(path, NULL);
  if (!real) return 1;
  const char *slash = base_file && strcmp(base_file, "-") ? strrchr(base_file, '/') : NULL;
  char *dir = slash ? jb_strndup(ctx, base_file, slash == base_file ? 1 : (size_t)(slash - base_file)) : jb_strdup(ctx, ".");
  int ok = inside_real(real, dir);
  static const char *const shared[] = {"layouts", "data", "fonts"}; /* the data folder's parts, not all of its root */
  for (int i = 0; i < 3 && !ok; i++) {
    char *data = jb_data_path(ctx, shared[i]);
    ok = inside_real(real, data);
    jb_free(ctx, data);
  }
  jb_free(ctx, dir);
  free(real);
  return ok;
}
