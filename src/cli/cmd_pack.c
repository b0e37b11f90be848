/* Placeholder until the 'pack' command lands. */
#include "cli.h"

int jb_cmd_pack(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "jianbao: 'pack' is not implemented yet\n");
  return 2;
}
