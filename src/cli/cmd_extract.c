/* jianbao extract FILE... [-o OUT] [--no-normalize] [--dump=ingest]: the numeric
 * facts of Chinese reports as JSON (docs/facts.md). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jianbao/extract.h"
#include "jianbao/ingest.h"

static void usage(FILE *f) {
  fprintf(f,
          "usage: jianbao extract FILE... [-o OUT] [--data TABLE] [--doc-date DATE] [--no-normalize] [--dump=ingest|text] [--quiet]\n"
          "\n"
          "Lists the numeric facts of Chinese reports (money, counts, percentages, dates,\n"
          "years, ranks, labels) with their spans in the original files, as JSON\n"
          "(format: docs/facts.md). FILE is text (UTF-8, GB18030/GBK, UTF-16), .docx, .html\n"
          "or .xlsx, or '-' for standard input.\n"
          "\n"
          "  -o OUT          write to OUT atomically (default: standard output)\n"
          "  --data FILE     a table (.csv or .xlsx, first row headers) whose numbers become facts\n"
          JB_CLI_INGEST_HELP
    JB_CLI_DOC_DATE_HELP
          "  --no-normalize  keep punctuation and full-width characters as they are\n"
          "  --dump=ingest   print the document structure instead (paragraphs, headings,\n"
          "                  lists, tables and cells, sentences, with normalized and original spans)\n"
          "  --dump=text     print the text offsets refer to (a docx's or html's extracted text)\n"
          "  -q, --quiet     no warnings on standard error\n");
}

/* The dump asked for. */
static char *dump_docs(jb_ctx *ctx, jb_doc **docs, size_t nf, const char *dump) {
  jb_buf b;
  jb_buf_init(&b, ctx);
  for (size_t i = 0; i < nf; i++) {
    if (!strcmp(dump, "text")) jb_doc_source_utf8(docs[i], &b);
    else jb_doc_dump(docs[i], &b);
  }
  jb_buf_addc(&b, 0);
  return jb_buf_steal(&b);
}

/* The output, opened at the first write: after every input is read, so that
 * its checks (never a device, a folder or one of the inputs) see the inputs. */
typedef struct lazy_out {
  jb_ctx *ctx;
  const char *path;
  jb_out *o;
} lazy_out;

static jb_status lazy_write(void *user, const void *data, size_t len) {
  lazy_out *l = user;
  if (!l->o && jb_out_open(l->ctx, l->path, &l->o) != JB_OK) return JB_ERR_IO;
  return jb_out_write(l->o, data, len);
}

/* The facts as JSON, streamed into the output as it is made (it is about 8
 * times the size of a report; a large report is read in pieces); a failure
 * leaves no file. JB_EXTRACT_PIECE (bytes) sets the piece size, for tests. */
static int write_facts(jb_ctx *ctx, const char **files, const jb_ingest_opts *opts, size_t nf, const char *out) {
  const char *env = getenv("JB_EXTRACT_PIECE");
  size_t piece = env && *env ? (size_t)strtoull(env, NULL, 10) : 0;
  lazy_out l = {ctx, out, NULL};
  if (jb_extract_files_json(ctx, files, nf, opts, piece, lazy_write, &l) != JB_OK) {
    jb_out_abort(l.o);
    return jb_cli_report(ctx);
  }
  if (!l.o && lazy_write(&l, "", 0) != JB_OK) return jb_cli_report(ctx);
  return jb_out_commit(l.o) != JB_OK ? jb_cli_report(ctx) : 0;
}

/* The dump asked for, of the documents loaded whole. */
static int write_dump(jb_ctx *ctx, const char **files, const jb_ingest_opts *opts, size_t nf, const char *out,
                      const char *dump) {
  jb_doc **docs = jb_calloc(ctx, nf + 1, sizeof *docs);
  int rc = 0;
  for (size_t i = 0; i < nf && !rc; i++)
    if (jb_doc_load(ctx, files[i], &opts[i], &docs[i]) != JB_OK) rc = jb_cli_report(ctx);
  if (!rc) {
    char *text = dump_docs(ctx, docs, nf, dump);
    if (jb_write_file_atomic(ctx, out, text, strlen(text)) != JB_OK) rc = jb_cli_report(ctx);
    jb_free(ctx, text);
  }
  for (size_t i = 0; i < nf; i++) jb_doc_free(docs[i]);
  jb_free(ctx, docs);
  return rc;
}

int jb_cmd_extract(int argc, char **argv) {
  const char *out = "-", *dump = NULL;
  int quiet = 0;
  jb_ingest_opts opts = JB_INGEST_DEFAULTS;
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  char *data = calloc((size_t)argc + 1, 1); /* files[i] came with --data */
  size_t nf = 0;
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r = jb_cli_ingest_opt(argc, argv, &i, &opts, "extract");
    if (r == 1) continue;
    if (r == 2) {
      free(files), free(data);
      return 2;
    }
    if ((v = jb_cli_opt(argc, argv, &i, "--data"))) {
      data[nf] = 1, files[nf++] = v;
    } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      usage(stdout);
      free(files), free(data);
      return 0;
    } else if (!strcmp(argv[i], "--no-normalize")) {
      opts.normalize = 0;
    } else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
      quiet = 1;
    } else if ((v = jb_cli_opt(argc, argv, &i, "-o")) || (v = jb_cli_opt(argc, argv, &i, "--output"))) {
      out = v;
    } else if ((v = jb_cli_opt(argc, argv, &i, "--dump"))) {
      dump = v;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "jianbao extract: unknown option '%s'\n", argv[i]);
      usage(stderr);
      free(files), free(data);
      return 2;
    } else {
      files[nf++] = argv[i];
    }
  }
  if (!nf) {
    usage(stderr);
    free(files), free(data);
    return 2;
  }
  if (dump && strcmp(dump, "ingest") && strcmp(dump, "text")) {
    fprintf(stderr, "jianbao extract: --dump accepts 'ingest' or 'text'\n");
    free(files), free(data);
    return 2;
  }
  jb_ctx *ctx = jb_ctx_new();
  jb_cli_warn_to_stderr(ctx, quiet);
  jb_ingest_opts *fo = jb_calloc(ctx, nf + 1, sizeof *fo);
  for (size_t i = 0; i < nf; i++) {
    fo[i] = opts;
    if (data[i]) fo[i].from = jb_cli_data_format(files[i]);
  }
  int rc = dump ? write_dump(ctx, files, fo, nf, out, dump) : write_facts(ctx, files, fo, nf, out);
  jb_free(ctx, fo);
  jb_ctx_free(ctx);
  free(files), free(data);
  return rc;
}
