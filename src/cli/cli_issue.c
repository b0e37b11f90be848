/* Options shared by build and pack for the 版头 and 版记 of a 简报 (jb_issue_opts)
 * and the synthetic-bold width; the values are checked here, applied by
 * src/compose/issue_meta.c. */
#include <string.h>
#include <time.h>

#include "cli.h"
#include "jianbao/compose.h"

const char jb_cli_issue_usage[] =
    "  版头 and 版记 (any layout; defaults fill them on gbt9704):\n"
    "  --title NAME        the 简报's name in the red masthead (default 工作简报)\n"
    "  --headline TEXT     the title under the red rule\n"
    "  --issue N           期号: 第N期 (a number, or text such as 增刊1; default 1)\n"
    "  --issue-total N     总第N期\n"
    "  --issuer UNIT       编发单位 (default 办公室; the template adds 编)\n"
    "  --date YYYY-MM-DD   date of the issue (default SOURCE_DATE_EPOCH, else today)\n"
    "  --classification T  内部资料 (default on gbt9704) or a 密级 such as 秘密★1年\n"
    "  --to, --send, --issue-to, --cc UNITS   报/送/发/抄送 lines (repeat, or separate\n"
    "                      units with 、 or a comma; default 发：各有关单位)\n"
    "  --printer UNIT      印发机关 (default the issuer); --print-date YYYY-MM-DD\n"
    "  --copies N          （共印N份）\n"
    "  --print mono|color  greys and patterns for black-and-white printing (gbt9704\n"
    "                      default mono); red stays on the masthead only\n"
    "  --synthetic-bold EM stroke width of synthetic bold, em (default 0.03)\n";

static int add_list(jb_issue_list *l, const char *v, const char *name) {
  if (l->n >= JB_ISSUE_MAX_LIST) {
    fprintf(stderr, "jianbao: %s given more than %d times\n", name, JB_ISSUE_MAX_LIST);
    return -2;
  }
  l->items[l->n++] = v;
  return 1;
}

static int bad(const char *name, const char *v, const char *want) {
  fprintf(stderr, "jianbao: %s expects %s, got '%s'\n", name, want, v);
  return -2;
}

static int lists(int argc, char **argv, int *i, jb_issue_opts *o) {
  const char *v;
  if ((v = jb_cli_opt(argc, argv, i, "--to"))) return add_list(&o->report_to, v, "--to");
  if ((v = jb_cli_opt(argc, argv, i, "--send"))) return add_list(&o->send_to, v, "--send");
  if ((v = jb_cli_opt(argc, argv, i, "--issue-to"))) return add_list(&o->issue_to, v, "--issue-to");
  if ((v = jb_cli_opt(argc, argv, i, "--cc"))) return add_list(&o->cc, v, "--cc");
  return 0;
}

int jb_cli_issue_opt(int argc, char **argv, int *i, jb_issue_opts *o, double *synth_bold) {
  const char *v;
  long n;
  int r = lists(argc, argv, i, o);
  if (r) return r;
  if ((v = jb_cli_opt(argc, argv, i, "--title"))) o->masthead = v;
  else if ((v = jb_cli_opt(argc, argv, i, "--headline"))) o->headline = v;
  else if ((v = jb_cli_opt(argc, argv, i, "--issue-total"))) {
    if (!jb_cli_whole(v, 1, 1000000, &o->issue_total)) return bad("--issue-total", v, "a whole number 1 to 1000000");
  } else if ((v = jb_cli_opt(argc, argv, i, "--issue"))) {
    if (!*v) return bad("--issue", v, "a number or a short text");
    o->issue = v;
  } else if ((v = jb_cli_opt(argc, argv, i, "--issuer"))) o->issuer = v;
  else if ((v = jb_cli_opt(argc, argv, i, "--date"))) {
    if (!jb_date_valid(v)) return bad("--date", v, "a date YYYY-MM-DD");
    o->date = v;
  } else if ((v = jb_cli_opt(argc, argv, i, "--print-date"))) {
    if (!jb_date_valid(v)) return bad("--print-date", v, "a date YYYY-MM-DD");
    o->print_date = v;
  } else if ((v = jb_cli_opt(argc, argv, i, "--classification"))) o->classification = v;
  else if ((v = jb_cli_opt(argc, argv, i, "--printer"))) o->printer = v;
  else if ((v = jb_cli_opt(argc, argv, i, "--copies"))) {
    if (!jb_cli_whole(v, 1, 100000000, &n)) return bad("--copies", v, "a whole number 1 to 100000000");
    o->copies = n;
  } else if ((v = jb_cli_opt(argc, argv, i, "--print"))) {
    if (strcmp(v, "mono") && strcmp(v, "color")) return bad("--print", v, "mono or color");
    o->print = v;
  } else if ((v = jb_cli_opt(argc, argv, i, "--synthetic-bold"))) {
    double em;
    if (!jb_cli_number(v, &em) || em < 0.005 || em > 0.1) return bad("--synthetic-bold", v, "an em width 0.005 to 0.1");
    *synth_bold = em;
  } else {
    return 0;
  }
  return 1;
}

/* The issue date when none is given: SOURCE_DATE_EPOCH (UTC), else today here. */
void jb_cli_today(long long date, char out[16]) {
  time_t t = date >= 0 ? (time_t)date : time(NULL);
  struct tm tm;
  if (date >= 0) gmtime_r(&t, &tm);
  else localtime_r(&t, &tm);
  unsigned y = (unsigned)(tm.tm_year + 1900) % 10000u, m = (unsigned)(tm.tm_mon + 1) % 100u, d = (unsigned)tm.tm_mday % 100u;
  snprintf(out, 16, "%04u-%02u-%02u", y, m, d);
}
