/* Placeholder until the 'build' command lands. */
#include "cli.h"

int jb_cmd_build(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "jianbao: 'build' is not implemented yet\n");
  return 2;
}
