/* Subcommands of the jianbao command; each lives in its own cmd_*.c file. */
#ifndef JIANBAO_CLI_H
#define JIANBAO_CLI_H

#include <stdio.h>

#include "jianbao/core.h"
#include "jianbao/ingest.h"
#include "jianbao/issue.h"
#include "jianbao/layout.h"

typedef struct jb_command {
  const char *name, *summary;
  int (*run)(int argc, char **argv); /* argv[0] is the command name */
} jb_command;

int jb_cmd_typeset(int argc, char **argv);
int jb_cmd_extract(int argc, char **argv);
int jb_cmd_build(int argc, char **argv);
int jb_cmd_pack(int argc, char **argv);

/* Shared helpers (cli_util.c). */
/* Prints the context's error as "jianbao: ..." and returns exit status 1. */
int jb_cli_report(jb_ctx *ctx);
/* Prints warnings to stderr as they come, unless quiet. */
void jb_cli_warn_to_stderr(jb_ctx *ctx, int quiet);
/* Renders the display list to PDF and writes it atomically to path ("-" = stdout). */
jb_status jb_cli_write_pdf(jb_ctx *ctx, const jb_dl *dl, const char *path);
/* The same into the folder open as dirfd (jb_write_file_at); path is for messages. */
jb_status jb_cli_write_pdf_at(jb_ctx *ctx, const jb_dl *dl, int dirfd, const char *name, const char *path,
                              int sync_dir);
/* Runs a command with a fresh context (warnings on stderr unless quiet) and
 * turns its status into an exit code, printing the error. */
int jb_cli_run(jb_status (*run)(jb_ctx *ctx, const void *args), const void *args, int quiet);
/* Parses a finite decimal number (no trailing characters; no nan or inf);
 * returns 0 when it is not one. */
int jb_cli_number(const char *s, double *out);
/* A whole number from lo to hi (checked before any conversion to an integer). */
int jb_cli_whole(const char *s, long lo, long hi, long *out);
/* Matches "--name=value" or "--name value"; advances *i. Returns the value or NULL. */
const char *jb_cli_opt(int argc, char **argv, int *i, const char *name);
/* --from docx|html|text|xlsx|csv and --encoding utf-8|gb18030|utf-16 (every
 * command that reads documents): 1 when argv[*i] was one of them (advances *i),
 * 2 after printing a message for a bad value, 0 otherwise. */
int jb_cli_ingest_opt(int argc, char **argv, int *i, jb_ingest_opts *o, const char *cmd);
#define JB_CLI_INGEST_HELP \
  "  --from FORMAT       docx, html, text, xlsx or csv (default: told by the content)\n" \
  "  --encoding ENC      utf-8, gb18030 or utf-16 for text and html (default: a byte-order\n" \
  "                      mark, a meta charset, UTF-8 when valid, else GB18030 with a warning)\n"
#define JB_CLI_DOC_DATE_HELP \
  "  --doc-date DATE     YYYY[-MM[-DD]]: the date of reports whose text gives none (a dateline,\n" \
  "                      delivery line, signature or title year), so 今年, 去年, 一年来 resolve\n"
/* The format of a --data file: xlsx by its name, else csv (a ZIP is still read as a workbook). */
jb_format jb_cli_data_format(const char *path);
/* SOURCE_DATE_EPOCH as seconds (*date = -1 when unset or empty); a malformed or
 * out-of-range value (past 9999-12-31) is an error, not a silent 1970. */
jb_status jb_cli_source_date(jb_ctx *ctx, long long *date);
/* The 版头/版记 options of build and pack (cli_issue.c): 1 when argv[*i] was one
 * (advancing *i past its value), 0 when not, -2 after printing a bad value.
 * synth_bold gets --synthetic-bold (left alone otherwise). */
int jb_cli_issue_opt(int argc, char **argv, int *i, jb_issue_opts *o, double *synth_bold);
extern const char jb_cli_issue_usage[];
/* The default issue date: SOURCE_DATE_EPOCH (UTC) when date >= 0, else today (local). */
void jb_cli_today(long long date, char out[16]);

#endif
