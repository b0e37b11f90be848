/* jianbao typeset FILE.txt -o OUT.pdf: every paragraph of a plain-text
 * document set on A4 in the body font, with page numbers. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jianbao/ingest.h"
#include "jianbao/layout.h"
#include "jianbao/render.h"

static const char usage[] =
    "usage: jianbao typeset FILE -o OUT.pdf [options]\n"
    "FILE: text (UTF-8, GB18030/GBK, UTF-16), .docx, .html or .xlsx.\n"
    "  -o, --output PATH   output PDF ('-' = standard output; required)\n"
    "  --grid gbt9704      GB/T 9704 grid: 28 characters x 22 lines, 15.75 pt\n"
    "  --size PT           body size in points, 4 to 150 (default 12; the A4 type\n"
    "                      area must hold the 2-em indent and one character)\n"
    "  --font STACK        font stack from fonts/stacks.json (default serif-zh)\n"
    "  --fonts FILE        font stack configuration (default fonts/stacks.json)\n"
    "  --no-normalize      set the text exactly as given\n"
    JB_CLI_INGEST_HELP
    "  --strict            a character no font covers is an error\n"
    "  --dump=STAGE        print a stage instead of writing a PDF: text (the\n"
    "                      normalized paragraphs, one a line) or layout (display list)\n"
    "  -q, --quiet         no warnings on standard error\n"
    "FILE '-' reads standard input.\n";

typedef struct typeset_args {
  const char *input, *output, *grid, *font, *fonts, *dump;
  double size;
  int has_size, normalize, strict, quiet;
  jb_ingest_opts io;
} typeset_args;

/* The last --size value as given, for the message. */
static const char *size_arg(int argc, char **argv) {
  const char *v = "";
  for (int i = 1; i < argc; i++) {
    if (!strncmp(argv[i], "--size=", 7)) v = argv[i] + 7;
    else if (!strcmp(argv[i], "--size") && i + 1 < argc) v = argv[++i];
  }
  return v;
}

static int parse_args(int argc, char **argv, typeset_args *a) {
  memset(a, 0, sizeof *a);
  a->normalize = 1;
  a->io = JB_INGEST_DEFAULTS;
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r = jb_cli_ingest_opt(argc, argv, &i, &a->io, "typeset");
    if (r == 2) return fputs(usage, stderr), 2;
    if (r) continue;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return fputs(usage, stdout), -1;
    if ((v = jb_cli_opt(argc, argv, &i, "-o")) || (v = jb_cli_opt(argc, argv, &i, "--output"))) a->output = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--grid"))) a->grid = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--fonts"))) a->fonts = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--font"))) a->font = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--size"))) {
      a->has_size = 1;
      if (!jb_cli_number(v, &a->size)) a->size = -1; /* refused below (nan, inf, 12x) */
    }
    else if ((v = jb_cli_opt(argc, argv, &i, "--dump"))) a->dump = v;
    else if (!strcmp(argv[i], "--no-normalize")) a->normalize = 0;
    else if (!strcmp(argv[i], "--strict")) a->strict = 1;
    else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) a->quiet = 1;
    else if (argv[i][0] == '-' && argv[i][1]) return fprintf(stderr, "jianbao typeset: unknown option '%s'\n%s", argv[i], usage), 2;
    else if (!a->input) a->input = argv[i];
    else return fprintf(stderr, "jianbao typeset: more than one input file\n%s", usage), 2;
  }
  if (!a->input || (!a->output && !a->dump)) return fprintf(stderr, "%s", usage), 2;
  if (a->dump && strcmp(a->dump, "text") && strcmp(a->dump, "layout"))
    return fprintf(stderr, "jianbao typeset: unknown --dump stage '%s' (known: text, layout)\n", a->dump), 2;
  if (a->grid && strcmp(a->grid, "gbt9704")) return fprintf(stderr, "jianbao typeset: unknown grid '%s' (known: gbt9704)\n", a->grid), 2;
  if (a->has_size && !(a->size >= 4 && a->size <= 150))
    return fprintf(stderr, "jianbao typeset: --size must be a number from 4 to 150 pt (larger leaves no room on an A4 line "
                           "for the 2-em indent and one character), got '%s'\n", size_arg(argc, argv)), 2;
  return 0;
}

static jb_typeset_opts options_for(const typeset_args *a) {
  jb_typeset_opts o = a->grid ? jb_typeset_gbt9704() : jb_typeset_defaults();
  if (a->has_size && !a->grid) {
    o.size = a->size;
    o.pitch = 1.75 * a->size;
    o.width = (double)(long)((o.page_w - 2 * 70.87) / a->size) * a->size;
    o.left = (o.page_w - o.width) / 2;
  }
  if (a->font) o.stack = a->font;
  o.file = a->input;
  return o;
}

static jb_status lay_out(jb_ctx *ctx, jb_fonts *fonts, const jb_doc *doc, const jb_typeset_opts *o, jb_dl *dl) {
  size_t n = jb_doc_paragraph_count(doc), len;
  const uint32_t *orig = jb_doc_text(doc, &len);
  uint32_t *text = jb_malloc(ctx, (len + 1) * sizeof *text); /* table cells' tabs set as ideographic spaces */
  for (size_t i = 0; i < len; i++) text[i] = orig[i] == '\t' ? 0x3000 : orig[i];
  jb_text_para *paras = jb_calloc(ctx, n + 1, sizeof(jb_text_para));
  for (size_t i = 0; i < n; i++) {
    jb_span sp = jb_doc_paragraph(doc, i);
    jb_para_kind kind = jb_doc_paragraph_kind(doc, i);
    paras[i] = (jb_text_para){text + sp.start, sp.end - sp.start, (long)jb_doc_source_offset(doc, sp.start),
                              kind == JB_PARA_TITLE ? JB_TEXT_TITLE : kind == JB_PARA_HEADING ? JB_TEXT_HEADING : JB_TEXT_BODY};
  }
  jb_status st = jb_typeset(fonts, paras, n, o, dl);
  jb_free(ctx, paras);
  jb_free(ctx, text);
  return st;
}

static void dump_text(const jb_doc *doc, jb_buf *out) {
  size_t len;
  const uint32_t *text = jb_doc_text(doc, &len);
  for (size_t i = 0; i < jb_doc_paragraph_count(doc); i++) {
    jb_span sp = jb_doc_paragraph(doc, i);
    for (size_t k = sp.start; k < sp.end; k++) jb_buf_add_utf8(out, text[k]);
    jb_buf_addc(out, '\n');
  }
}

static jb_status run(jb_ctx *ctx, const void *args) {
  const typeset_args *a = args;
  jb_ingest_opts io = a->io;
  io.normalize = a->normalize;
  jb_doc *doc = NULL;
  jb_fonts *fonts = NULL;
  jb_dl dl;
  jb_buf pdf;
  jb_buf_init(&pdf, ctx);
  long long date;
  jb_status st = jb_cli_source_date(ctx, &date);
  if (!st) st = jb_doc_load(ctx, a->input, &io, &doc);
  if (!st) st = jb_fonts_new(ctx, a->fonts, &fonts);
  if (!st) jb_fonts_set_strict(fonts, a->strict);
  jb_dl_init(&dl, ctx, fonts);
  jb_typeset_opts o = options_for(a);
  if (!st) st = lay_out(ctx, fonts, doc, &o, &dl);
  dl.meta.date = date;
  if (!st && doc) dl.meta.title = jb_strdup(ctx, jb_doc_name(doc));
  if (!st && a->dump && !strcmp(a->dump, "text")) {
    dump_text(doc, &pdf);
    fwrite(pdf.data, 1, pdf.len, stdout);
  } else if (!st && a->dump) {
    jb_dl_dump(&dl, &pdf);
    fwrite(pdf.data, 1, pdf.len, stdout);
  } else if (!st) {
    st = jb_cli_write_pdf(ctx, &dl, a->output);
  }
  jb_buf_fini(&pdf);
  jb_dl_fini(&dl);
  jb_fonts_free(fonts);
  jb_doc_free(doc);
  return st;
}

int jb_cmd_typeset(int argc, char **argv) {
  typeset_args a;
  int rc = parse_args(argc, argv, &a);
  if (rc) return rc < 0 ? 0 : rc;
  return jb_cli_run(run, &a, a.quiet);
}
