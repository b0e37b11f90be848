/* Placeholder until the 'extract' command lands. */
#include "cli.h"

int jb_cmd_extract(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "jianbao: 'extract' is not implemented yet\n");
  return 2;
}
