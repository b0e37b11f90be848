/* Placeholder until the 'typeset' command lands. */
#include "cli.h"

int jb_cmd_typeset(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "jianbao: 'typeset' is not implemented yet\n");
  return 2;
}
