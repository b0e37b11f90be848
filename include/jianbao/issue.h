/* The 版头 and 版记 of a 简报 (part of compose): title, 期号, 总期号, issuer, date,
 * classification, 报/送/发/抄送, printing unit and date, copies and the print mode,
 * from command-line options over the briefing's meta, with defaults that make an
 * official (masthead) template a complete 简报 without editing any JSON. */
#ifndef JIANBAO_ISSUE_H
#define JIANBAO_ISSUE_H

#include "jianbao/compose.h"

#define JB_ISSUE_MAX_LIST 16

typedef struct jb_issue_list {
  const char *items[JB_ISSUE_MAX_LIST];
  size_t n;
} jb_issue_list;

typedef struct jb_issue_opts {
  const char *masthead;       /* --title: the 简报's name (红头), e.g. 援藏工作简报 */
  const char *headline;       /* --headline: the title under the red rule */
  const char *issue;          /* --issue: 12, or text such as 增刊1 */
  long issue_total;           /* --issue-total; 0 = none */
  const char *issuer;         /* --issuer: 编发单位 */
  const char *date;           /* --date YYYY-MM-DD */
  const char *classification; /* --classification: 内部资料, 秘密★1年, ... */
  jb_issue_list report_to, send_to, issue_to, cc; /* --to, --send, --issue-to, --cc */
  const char *printer;        /* --printer: 印发机关 (default: the issuer) */
  const char *print_date;     /* --print-date (default: the date) */
  long copies;                /* --copies; 0 = none */
  const char *print;          /* --print mono|color; NULL = the template's */
  const char *today;          /* date used when none is given (YYYY-MM-DD), may be NULL */
} jb_issue_opts;

/* Applies the options to a parsed briefing; with an official template (one
 * with a masthead) empty fields get defaults: 工作简报, 第1期, 办公室, today,
 * 内部资料, 发：各有关单位. Strings live in the briefing's arena. */
jb_status jb_issue_apply(jb_ctx *ctx, jb_briefing *b, const jb_layout_template *tpl, const jb_issue_opts *o);
/* The same on a briefing's JSON text (the pack's model); returns new text
 * (jb_free) with "version": 2 when a version-2 key was written. */
char *jb_issue_apply_json(jb_ctx *ctx, const char *json, int official, const jb_issue_opts *o);
/* 1 when the briefing (meta "print") or else the template asks for mono printing. */
int jb_issue_mono(const jb_briefing *b, const jb_layout_template *tpl);

#endif
