/* jianbao extract FILE... [-o OUT] [--no-normalize] [--dump=ingest]: the numeric
 * facts of Chinese reports as JSON (docs/facts.md). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jianbao/extract.h"
#include "jianbao/ingest.h"

static void usage(FILE *f) {
  fprintf(f,
          "usage: jianbao extract FILE... [-o OUT] [--no-normalize] [--dump=ingest] [-q]\n"
          "\n"
          "Lists the numeric facts of Chinese reports (money, counts, percentages, dates,\n"
          "years, ranks, labels) with their spans in the original files, as JSON\n"
          "(format: docs/facts.md). FILE may be '-' for standard input.\n"
          "\n"
          "  -o OUT          write to OUT atomically (default: standard output)\n"
          "  --no-normalize  keep punctuation and full-width characters as they are\n"
          "  --dump=ingest   print the document structure instead (paragraphs, headings,\n"
          "                  sentences, with normalized and original spans)\n"
          "  -q              no warnings on standard error\n");
}

/* Streams the JSON into the output as it is made (it is about 14 times the size
 * of a report dense in numbers; large reports are read in pieces): a failure
 * leaves no file. JB_EXTRACT_PIECE (bytes) sets the piece size, for tests. */
static int write_json(jb_ctx *ctx, const char *const *files, size_t n, const jb_ingest_opts *opts, const char *out) {
  const char *env = getenv("JB_EXTRACT_PIECE");
  size_t piece = env && *env ? (size_t)strtoull(env, NULL, 10) : 0;
  jb_out *o = NULL;
  if (jb_out_open(ctx, out, &o) != JB_OK) return jb_cli_report(ctx);
  if (jb_extract_files_json(ctx, files, n, opts, piece, jb_out_write, o) != JB_OK) {
    jb_out_abort(o);
    return jb_cli_report(ctx);
  }
  return jb_out_commit(o) != JB_OK ? jb_cli_report(ctx) : 0;
}

/* --dump=ingest: the structure of every document. */
static int dump_ingest(jb_ctx *ctx, const char *const *files, size_t n, const jb_ingest_opts *opts, const char *out) {
  jb_buf b;
  jb_buf_init(&b, ctx);
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    jb_doc *d = NULL;
    if (jb_doc_load(ctx, files[i], opts, &d) != JB_OK) rc = jb_cli_report(ctx);
    else jb_doc_dump(d, &b);
    jb_doc_free(d);
  }
  if (!rc && jb_write_file_atomic(ctx, out, b.data ? b.data : "", b.len) != JB_OK) rc = jb_cli_report(ctx);
  jb_buf_fini(&b);
  return rc;
}

int jb_cmd_extract(int argc, char **argv) {
  const char *out = "-", *dump = NULL;
  int quiet = 0;
  jb_ingest_opts opts = JB_INGEST_DEFAULTS;
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  size_t nf = 0;
  for (int i = 1; i < argc; i++) {
    const char *v;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      usage(stdout);
      free(files);
      return 0;
    } else if (!strcmp(argv[i], "--no-normalize")) {
      opts.normalize = 0;
    } else if (!strcmp(argv[i], "-q")) {
      quiet = 1;
    } else if ((v = jb_cli_opt(argc, argv, &i, "-o")) || (v = jb_cli_opt(argc, argv, &i, "--output"))) {
      out = v;
    } else if ((v = jb_cli_opt(argc, argv, &i, "--dump"))) {
      dump = v;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "jianbao extract: unknown option '%s'\n", argv[i]);
      usage(stderr);
      free(files);
      return 2;
    } else {
      files[nf++] = argv[i];
    }
  }
  if (!nf) {
    usage(stderr);
    free(files);
    return 2;
  }
  if (dump && strcmp(dump, "ingest")) {
    fprintf(stderr, "jianbao extract: --dump accepts only 'ingest'\n");
    free(files);
    return 2;
  }
  jb_ctx *ctx = jb_ctx_new();
  jb_cli_warn_to_stderr(ctx, quiet);
  int rc = dump ? dump_ingest(ctx, files, nf, &opts, out) : write_json(ctx, files, nf, &opts, out);
  jb_ctx_free(ctx);
  free(files);
  return rc;
}
