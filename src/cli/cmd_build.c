/* jianbao build BRIEF.json -o OUT.pdf: lays out a briefing model with a
 * layout template. Any error (located by the compose module) exits 1 without
 * writing: an existing output file stays untouched. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jianbao/compose.h"
#include "jianbao/page.h"
#include "jianbao/render.h"

static const char usage[] =
    "usage: jianbao build BRIEF.json -o OUT.pdf [options]\n"
    "  -o, --output PATH   output PDF ('-' = standard output; required)\n"
    "  --layout NAME|FILE  layout template: brief, gbt9704, onepager or a .json file\n"
    "                      (default: the briefing's \"layout\" key, else brief)\n"
    "  --facts FILE        facts list (facts.json) that fact references resolve against\n"
    "                      (default: the briefing's \"facts\" key)\n"
    "  --fonts FILE        font stack configuration (default fonts/stacks.json)\n"
    "  --allow-paths       let the briefing's facts, layout and image paths point outside\n"
    "                      its folder and the data folder (refused by default)\n"
    "  --strict            a character no font covers is an error\n"
    "  --dump=STAGE        print instead of writing a PDF: layout (display list),\n"
    "                      model (the resolved briefing) or pages (page count and outline)\n"
    "  -q, --quiet         no warnings on standard error\n"
    "%s"
    "Dates: meta.date, else SOURCE_DATE_EPOCH; the output does not depend on the clock.\n";

typedef struct build_args {
  const char *input, *output, *layout, *facts, *fonts, *dump;
  int strict, quiet, allow_paths;
  jb_issue_opts issue;
  double synth_bold; /* 0 = stacks.json's */
} build_args;

static int parse_args(int argc, char **argv, build_args *a) {
  memset(a, 0, sizeof *a);
  for (int i = 1; i < argc; i++) {
    const char *v;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return printf(usage, jb_cli_issue_usage), -1;
    int io = jb_cli_issue_opt(argc, argv, &i, &a->issue, &a->synth_bold);
    if (io) {
      if (io < 0) return 2;
      continue;
    }
    if ((v = jb_cli_opt(argc, argv, &i, "-o")) || (v = jb_cli_opt(argc, argv, &i, "--output"))) a->output = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--layout"))) a->layout = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--facts"))) a->facts = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--fonts"))) a->fonts = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--dump"))) a->dump = v;
    else if (!strcmp(argv[i], "--strict")) a->strict = 1;
    else if (!strcmp(argv[i], "--allow-paths")) a->allow_paths = 1;
    else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) a->quiet = 1;
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "jianbao build: unknown option '%s'\n", argv[i]);
      return fprintf(stderr, usage, jb_cli_issue_usage), 2;
    }
    else if (!a->input) a->input = argv[i];
    else {
      fprintf(stderr, "jianbao build: more than one input file\n");
      return fprintf(stderr, usage, jb_cli_issue_usage), 2;
    }
  }
  if (!a->input || (!a->output && !a->dump)) return fprintf(stderr, usage, jb_cli_issue_usage), 2;
  if (a->dump && strcmp(a->dump, "layout") && strcmp(a->dump, "model") && strcmp(a->dump, "pages"))
    return fprintf(stderr, "jianbao build: unknown --dump stage '%s' (known: layout, model, pages)\n", a->dump), 2;
  return 0;
}

/* The facts file: --facts, else the briefing's "facts" key (relative to the briefing). */
static jb_status load_facts(jb_ctx *ctx, const build_args *a, const jb_briefing *b, jb_factlist **out) {
  *out = NULL;
  if (a->facts) return jb_factlist_load(ctx, a->facts, out);
  if (!b->facts) return JB_OK;
  char *path;
  jb_status st = jb_briefing_path(ctx, b, "facts", b->facts, &path);
  if (!st) st = jb_factlist_load(ctx, path, out);
  jb_free(ctx, path);
  return st;
}

static void dump_pages(const jb_dl *dl, const jb_build_info *info, jb_buf *out) {
  jb_buf_printf(out, "pages %zu\nscale ", info->pages);
  jb_buf_add_num(out, info->scale, 3);
  jb_buf_printf(out, "\ncitations %zu\n", info->citations);
  for (size_t i = 0; i < dl->n_outline; i++) {
    const jb_outline *o = &dl->outline[i];
    jb_buf_printf(out, "outline %d page %d y ", o->level, o->page + 1);
    jb_buf_add_num(out, o->y, 2);
    jb_buf_printf(out, " %s\n", o->title);
  }
}

static jb_status run(jb_ctx *ctx, const void *args) {
  const build_args *a = args;
  jb_briefing *b = NULL;
  jb_layout_template *tpl = NULL;
  jb_factlist *facts = NULL;
  jb_fonts *fonts = NULL;
  jb_dl dl;
  jb_buf out;
  jb_buf_init(&out, ctx);
  jb_dl_init(&dl, ctx, NULL);
  long long date;
  jb_ctx_set_allow_paths(ctx, a->allow_paths);
  jb_status st = jb_cli_source_date(ctx, &date);
  if (!st) st = jb_briefing_load(ctx, a->input, &b);
  if (!st) st = jb_briefing_template(ctx, b, a->layout, &tpl);
  char today[16];
  jb_cli_today(date, today);
  jb_issue_opts io = a->issue;
  io.today = today;
  if (!st) st = jb_issue_apply(ctx, b, tpl, &io);
  if (!st) st = load_facts(ctx, a, b, &facts);
  if (!st) st = facts ? jb_briefing_resolve_list(ctx, b, tpl, facts) : jb_briefing_resolve(ctx, b, tpl, NULL, NULL);
  if (!st) st = jb_fonts_new(ctx, a->fonts, &fonts);
  if (!st) jb_fonts_set_strict(fonts, a->strict);
  if (!st && a->synth_bold > 0) jb_fonts_set_synthetic_bold(fonts, a->synth_bold);
  jb_build_info info = {0, 1, 0, 0};
  if (!st) {
    dl.fonts = fonts;
    jb_build_opts o = JB_BUILD_DEFAULTS;
    o.facts = facts;
    if (!b->meta.date && date >= 0) o.date = date;
    st = jb_build_briefing(ctx, fonts, b, tpl, &o, &dl, &info);
  }
  if (!st && a->dump) {
    if (!strcmp(a->dump, "layout")) jb_dl_dump(&dl, &out);
    else if (!strcmp(a->dump, "model")) jb_briefing_dump(b, &out);
    else dump_pages(&dl, &info, &out);
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
  } else if (!st) {
    st = jb_cli_write_pdf(ctx, &dl, a->output);
  }
  jb_buf_fini(&out);
  jb_dl_fini(&dl);
  jb_fonts_free(fonts);
  jb_factlist_free(facts);
  jb_template_free(tpl);
  jb_briefing_free(b);
  return st;
}

int jb_cmd_build(int argc, char **argv) {
  build_args a;
  int rc = parse_args(argc, argv, &a);
  if (rc) return rc < 0 ? 0 : rc;
  return jb_cli_run(run, &a, a.quiet);
}
