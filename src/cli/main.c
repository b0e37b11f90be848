/* The jianbao command: dispatches to one file per subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jianbao/core.h"

static const jb_command commands[] = {
    {"typeset", "set a plain-text document as a PDF", jb_cmd_typeset},
    {"extract", "list the numeric facts of Chinese reports as JSON", jb_cmd_extract},
    {"build", "lay out a briefing model (JSON) as a PDF", jb_cmd_build},
    {"pack", "make a briefing pack and per-county pages from reports", jb_cmd_pack},
};

static void usage(FILE *f) {
  fprintf(f, "usage: jianbao COMMAND [OPTIONS]\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fprintf(f, "\n'jianbao COMMAND --help' describes a command. --version prints the version.\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    usage(stdout);
    return 0;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("jianbao %s\n", JB_VERSION);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
  fprintf(stderr, "jianbao: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}
