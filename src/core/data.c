/* Locates the data folder (fonts/, layouts/, data/) at run time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
