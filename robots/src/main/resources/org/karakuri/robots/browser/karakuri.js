/*
 * Karakuri's in-page helper. Installed once in each document as a hidden property of its window
 * (named with the helper's version, so a changed helper is installed afresh); each call then
 * sends only the operation's name and arguments (see PageScript). Each operation does its whole
 * job in one round trip: find targets the way a person reads the page, fill a form, read values,
 * extract a table, look for a text.
 */
var K = (function () {
  'use strict';
  var FIELD = 'input,select,textarea,[contenteditable=""],[contenteditable="true"]';
  var BUTTON = 'button,input[type=submit],input[type=button],input[type=reset],input[type=image],[role=button]';
  var LINK = 'a,[role=link]';
  var OTHER = '[onclick],[role=menuitem],[role=tab],[role=option],[role=checkbox],[role=radio],summary';
  var CLICKABLE = BUTTON + ',' + LINK + ',' + OTHER;
  var BUTTON_TYPES = /^(submit|button|reset|image|hidden)$/;
  var SKIP_TEXT = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SELECT|OPTION|TEXTAREA|INPUT)$/;
  var TIER = {
    label: 100, cell: 96, before: 94, after: 92, above: 91, name: 90, id: 88, placeholder: 80, title: 78, aria: 76,
    button: 70, link: 66, other: 62, text: 60, hint: 58, heading: 80, header: 60
  };
  var EXACT_ONLY = { name: true, id: true };
  var YES = ['true', 'yes', 'on', '1', 'y', 'はい', 'する', 'checked', 'check', '✓', '✔', '○', '〇', 'あり', '有'];
  var NO = ['false', 'no', 'off', '0', 'n', 'いいえ', 'しない', '', 'unchecked', '×', 'なし', '無'];

  /* ---------- text ---------- */

  function norm(s) {
    s = (s == null ? '' : String(s)).normalize('NFKC').replace(/[\s\u200b]+/g, ' ').trim();
    return s.replace(/\s*:$/, '').trim();
  }

  function squeeze(s) {
    return (s == null ? '' : String(s)).normalize('NFKC').replace(/[\s\u200b]+/g, '');
  }

  function collapse(s) {
    /* full-width spaces are data (姓　名), only layout white space collapses */
    return (s == null ? '' : String(s)).replace(/\r\n?/g, '\n').replace(/[ \t\u00a0]+/g, ' ')
      .split('\n').map(function (l) { return l.trim(); }).filter(function (l) { return l; }).join('\n');
  }

  function visible(el) {
    if (!el || !el.isConnected) return false;
    if (el.checkVisibility) return el.checkVisibility({ visibilityProperty: true, visibilityCSS: true });
    if (!el.getClientRects().length) return false;
    var cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.visibility !== 'collapse';
  }

  /* The text a person reads in an element, without the text of the controls inside it. */
  function ownText(n) {
    var out = '';
    for (var c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        out += c.nodeValue;
      } else if (c.nodeType === 1) {
        var t = c.tagName;
        if (SKIP_TEXT.test(t)) continue;
        if (t === 'BR') { out += ' '; continue; }
        if (t === 'IMG') { out += c.alt || ''; continue; }
        if (c.checkVisibility && !c.checkVisibility({ visibilityProperty: true })) continue;
        out += ownText(c);
      }
    }
    return out;
  }

  function isField(el) {
    if (el.tagName === 'INPUT') return !BUTTON_TYPES.test(el.type);
    return el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable === true;
  }

  function isButton(el) {
    return el.matches(BUTTON);
  }

  function isLink(el) {
    return el.matches(LINK);
  }

  function buttonText(el) {
    if (el.tagName === 'INPUT') return el.type === 'image' ? (el.alt || el.value || '') : (el.value || '');
    return ownText(el) || el.getAttribute('value') || '';
  }

  /* Texts that name a field: its <label>s and aria-labelledby. */
  function labelTexts(el, out) {
    if (el.labels) {
      for (var i = 0; i < el.labels.length; i++) out.push(['label', ownText(el.labels[i])]);
    }
    var by = el.getAttribute('aria-labelledby');
    if (by) {
      by.split(/\s+/).forEach(function (id) {
        var t = id && document.getElementById(id);
        if (t) out.push(['label', ownText(t)]);
      });
    }
  }

  /* Texts beside a field: the table cell (td or th) before its cell, the <dt> of its <dd>, the text just before it. */
  function besideTexts(el, out, skipBefore) {
    var cell = el.closest('td,th');
    if (cell) {
      var p = cell.previousElementSibling;
      while (p && !norm(ownText(p)) && !p.querySelector(FIELD)) p = p.previousElementSibling;
      if (p && (p.tagName === 'TD' || p.tagName === 'TH') && !p.querySelector(FIELD)) out.push(['cell', ownText(p)]);
    }
    var dd = el.closest('dd');
    if (dd && dd.previousElementSibling && dd.previousElementSibling.tagName === 'DT') {
      out.push(['cell', ownText(dd.previousElementSibling)]);
    }
    var before = '';
    for (var s = el.previousSibling; s; s = s.previousSibling) {
      if (s.nodeType === 3) { before = s.nodeValue + before; continue; }
      if (s.nodeType !== 1) continue;
      if (s.tagName === 'BR' || s.tagName === 'LABEL' || s.matches(FIELD) || s.matches(CLICKABLE) || s.querySelector(FIELD)
          || s.querySelector(CLICKABLE)) break;
      before = ownText(s) + before;
    }
    if (norm(before) && !skipBefore && !(el.parentElement && el.parentElement.tagName === 'LABEL')) out.push(['before', before]);
  }

  function checkable(el) {
    return el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio');
  }

  /* A field a person fills (not a hidden input) inside node, other than el. */
  function otherField(node, el) {
    var all = node.querySelectorAll(FIELD);
    for (var i = 0; i < all.length; i++) {
      if (all[i] !== el && isField(all[i]) && all[i].type !== 'hidden') return true;
    }
    return false;
  }

  /* The text right after a field, up to the next control or line break: a check box's own text, or [____] 編集の概要. */
  function afterText(el) {
    var after = '';
    for (var s = el.nextSibling; s; s = s.nextSibling) {
      if (s.nodeType === 3) { after += s.nodeValue; continue; }
      if (s.nodeType !== 1) continue;
      if (s.tagName === 'BR' || s.tagName === 'LABEL' || s.matches(FIELD) || s.matches(CLICKABLE)
          || s.querySelector(FIELD) || s.querySelector(CLICKABLE)) break;
      after += ownText(s);
    }
    return norm(after).length <= 40 ? after : '';
  }

  /*
   * The short line over a field that nothing else labels: the nearest text before it in reading
   * order (a heading, a caption, the line over a text area), past toolbars of buttons and hidden
   * inputs, but never past another field, and only when the field's own box (not its form)
   * holds no other field. At most 40 characters: a paragraph is not a name.
   */
  function aboveText(el) {
    var box = el.parentElement;
    if (box && box.tagName !== 'FORM' && box !== document.body && otherField(box, el)) return '';
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    walker.currentNode = el;
    for (var n = walker.previousNode(), seen = 0; n && seen < 300; n = walker.previousNode(), seen++) {
      if (n.nodeType === 1) {
        if (n !== el && !el.contains(n) && !n.contains(el) && isFieldShown(n)) return '';
        continue;
      }
      var p = n.parentElement;
      if (!p || !n.nodeValue.trim() || SKIP_TEXT.test(p.tagName) || p.closest(CLICKABLE) || !visible(p)) continue;
      var t = norm(p.contains(el) ? n.nodeValue : ownText(p));
      return t.length <= 40 ? t : '';
    }
    return '';
  }

  function isFieldShown(n) {
    return n.matches(FIELD) && isField(n) && n.type !== 'hidden' && visible(n);
  }

  /* Every (rule, text) pair under which a person could name el. */
  function namesOf(el, labelsOnly) {
    var out = [];
    var field = isField(el);
    if (field) {
      labelTexts(el, out);
      var own = checkable(el) && !out.length ? afterText(el) : '';
      if (norm(own)) out.push(['after', own]);
      besideTexts(el, out, !!norm(own));
      /* nothing else labels it: the text right after it, else the line above its box */
      if (!out.length) {
        var after = afterText(el), above = norm(after) ? '' : aboveText(el);
        if (norm(after)) out.push(['after', after]);
        else if (above) out.push(['above', above]);
      }
    }
    var aria = el.getAttribute('aria-label');
    if (labelsOnly) {
      if (aria) out.push(['aria', aria]);
      return out;
    }
    var name = el.getAttribute('name');
    if (name) out.push(['name', name]);
    if (el.id) out.push(['id', el.id]);
    if (field && el.getAttribute('placeholder')) out.push(['placeholder', el.getAttribute('placeholder')]);
    /* on a button or link, what a person reads is its text: a title or aria-label only hints */
    if (el.getAttribute('title')) out.push([field ? 'title' : 'hint', el.getAttribute('title')]);
    if (aria) out.push([field ? 'aria' : 'hint', aria]);
    if (!field) {
      if (isButton(el)) out.push(['button', buttonText(el)]);
      else if (isLink(el)) out.push(['link', ownText(el) || '']);
      else out.push(['other', ownText(el)]);
    }
    return out;
  }

  function rate(how, text, want) {
    if (text == null) return 0;
    if (EXACT_ONLY[how]) return (text === want.raw || norm(text) === want.norm) ? TIER[how] : 0;
    var t = norm(text);
    if (!t) return 0;
    if (t === want.norm) return TIER[how];
    if (want.norm && t.toLowerCase().indexOf(want.lower) >= 0) return TIER[how] - 50;
    return 0;
  }

  function wanted(value) {
    var n = norm(value);
    return { raw: String(value).trim(), norm: n, lower: n.toLowerCase() };
  }

  /* ---------- describing what is on the page ---------- */

  function readable(el) {
    if (el.tagName === 'TABLE') {
      var cap = el.caption ? ownText(el.caption) : (el.getAttribute('aria-label') || el.getAttribute('summary') || '');
      if (norm(cap)) return norm(cap);
      var h = headingBefore(el);
      if (h) return norm(h);
      var heads = headerCells(el).slice(0, 4).map(function (c) { return norm(ownText(c)); });
      return heads.join(' | ');
    }
    var names = namesOf(el, false);
    var order = ['label', 'cell', 'before', 'after', 'above', 'placeholder', 'title', 'aria', 'button', 'link', 'other', 'hint'];
    for (var i = 0; i < order.length; i++) {
      for (var j = 0; j < names.length; j++) {
        if (names[j][0] === order[i] && norm(names[j][1])) return norm(names[j][1]);
      }
    }
    return norm(ownText(el));
  }

  function describe(el) {
    var r = el.getBoundingClientRect();
    var t = readable(el);
    if (t.length > 40) t = t.substring(0, 39) + '…';
    return {
      tag: el.tagName.toLowerCase(),
      type: el.tagName === 'INPUT' ? el.type : (el.tagName === 'BUTTON' ? 'button' : ''),
      name: el.getAttribute('name') || '',
      id: el.id || '',
      text: t,
      x: Math.round(r.left + window.scrollX),
      y: Math.round(r.top + window.scrollY)
    };
  }

  function frameNames(doc) {
    var out = [];
    doc.querySelectorAll('iframe,frame').forEach(function (f, i) {
      out.push(f.getAttribute('name') || f.id || f.getAttribute('title') || String(i + 1));
    });
    return out;
  }

  /* ---------- finding targets ---------- */

  function universe(kind) {
    switch (kind) {
      case 'field': return document.querySelectorAll(FIELD);
      case 'check': return document.querySelectorAll('input[type=checkbox],input[type=radio],[role=checkbox],[role=radio]');
      case 'file': return document.querySelectorAll('input[type=file]');
      case 'table': return document.querySelectorAll('table');
      case 'list': return document.querySelectorAll('ul,ol');
      default: return document.querySelectorAll(FIELD + ',' + CLICKABLE);
    }
  }

  function fits(el, kind) {
    switch (kind) {
      case 'field': return isField(el);
      case 'check': return el.matches('input[type=checkbox],input[type=radio],[role=checkbox],[role=radio]');
      case 'file': return el.matches('input[type=file]');
      case 'table': return el.tagName === 'TABLE';
      case 'list': return el.tagName === 'UL' || el.tagName === 'OL';
      default: return true;
    }
  }

  function shown(el, kind) {
    return kind === 'file' ? el.isConnected : visible(el);
  }

  function headingBefore(table) {
    for (var p = table.previousElementSibling; p; p = p.previousElementSibling) {
      if (p.tagName === 'BR' || p.tagName === 'HR' || !norm(ownText(p))) continue;
      var t = norm(ownText(p));
      return t.length <= 60 && !p.querySelector('table') ? t : '';
    }
    return '';
  }

  function headerCells(table) {
    var cells = [];
    table.querySelectorAll('th').forEach(function (c) { if (c.closest('table') === table) cells.push(c); });
    if (!cells.length && table.rows.length) {
      for (var i = 0; i < table.rows[0].cells.length; i++) cells.push(table.rows[0].cells[i]);
    }
    return cells;
  }

  function tableNames(t) {
    var out = [];
    if (t.caption) out.push(['label', ownText(t.caption)]);
    ['aria-label', 'title', 'summary'].forEach(function (a) { if (t.getAttribute(a)) out.push(['label', t.getAttribute(a)]); });
    if (t.getAttribute('name')) out.push(['name', t.getAttribute('name')]);
    if (t.id) out.push(['id', t.id]);
    var h = headingBefore(t);
    if (h) out.push(['heading', h]);
    headerCells(t).forEach(function (c) { out.push(['header', ownText(c)]); });
    return out;
  }

  /* A list is named by its aria-label or title, id, or the heading just before it. */
  function listNames(l) {
    var out = [];
    labelTexts(l, out);
    ['aria-label', 'title'].forEach(function (a) { if (l.getAttribute(a)) out.push(['label', l.getAttribute(a)]); });
    if (l.id) out.push(['id', l.id]);
    var h = headingBefore(l);
    if (h) out.push(['heading', h]);
    return out;
  }

  function deepestWithText(want, exactOnly) {
    var found = [];
    var seen = new Set();
    var walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var p = n.parentElement;
      if (!p || !n.nodeValue.trim() || SKIP_TEXT.test(p.tagName) || seen.has(p)) continue;
      var s = rate('text', ownText(p), want);
      if (!s || (exactOnly && s < TIER.text)) continue;
      seen.add(p);
      found.push([p, 'text', s]);
    }
    /* the smallest element that shows the text, not every ancestor around it */
    found = found.filter(function (c) {
      return !found.some(function (o) { return o[0] !== c[0] && o[2] >= c[2] && c[0].contains(o[0]); });
    });
    document.querySelectorAll('input[type=submit],input[type=button],input[type=reset]').forEach(function (b) {
      var s = rate('text', b.value, want);
      if (s) found.push([b, 'text', s]);
    });
    return found;
  }

  /* Cells that show a value beside a label cell: <td>受付番号：</td><td>R-0001</td>. */
  function valueCells(want) {
    var found = [];
    document.querySelectorAll('td,th,dt').forEach(function (c) {
      var s = rate('cell', ownText(c), want);
      if (!s) return;
      var next = c.nextElementSibling;
      if (next && /^(TD|TH|DD)$/.test(next.tagName) && !next.querySelector(FIELD)) found.push([next, 'cell', s]);
    });
    return found;
  }

  function bySelector(mode, value) {
    if (mode === 'css') return Array.prototype.slice.call(document.querySelectorAll(value));
    if (mode === 'id') return Array.prototype.slice.call(document.querySelectorAll('[id="' + CSS.escape(value) + '"]'));
    if (mode === 'name') return Array.prototype.slice.call(document.querySelectorAll('[name="' + CSS.escape(value) + '"]'));
    var snap = document.evaluate(value, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    var out = [];
    for (var i = 0; i < snap.snapshotLength; i++) {
      var n = snap.snapshotItem(i);
      out.push(n.nodeType === 1 ? n : n.parentElement);
    }
    return out;
  }

  /* All (element, rule, score) for one target spec {mode, value, kind}. */
  function candidates(spec, onlyVisible) {
    var kind = spec.kind, want = wanted(spec.value), out = [];
    var keep = function (el) { return el && fits(el, kind) && (!onlyVisible || shown(el, kind)); };
    if (spec.mode === 'css' || spec.mode === 'xpath' || spec.mode === 'id' || spec.mode === 'name') {
      bySelector(spec.mode, spec.value).forEach(function (el) { if (keep(el)) out.push([el, spec.mode, 100]); });
      return out;
    }
    if (spec.mode === 'text') {
      deepestWithText(want, false).forEach(function (c) {
        var el = kind === 'any' ? c[0] : (c[0].closest(CLICKABLE) || c[0]);
        if (keep(el)) out.push([el, 'text', c[2] === TIER.text ? 100 : 50]);
      });
      return out;
    }
    var labelsOnly = spec.mode === 'label';
    var list = universe(kind);
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      if (!keep(el)) continue;
      var names = kind === 'table' ? tableNames(el) : kind === 'list' ? listNames(el) : namesOf(el, labelsOnly);
      var best = 0, how = '';
      for (var j = 0; j < names.length; j++) {
        var s = rate(names[j][0], names[j][1], want);
        if (s > best) { best = s; how = names[j][0]; }
      }
      if (best) out.push([el, how, best]);
    }
    if (kind === 'any' && !labelsOnly) {
      valueCells(want).concat(deepestWithText(want, false)).forEach(function (c) { if (keep(c[0])) out.push(c); });
      if (!out.length) {
        bySelector('id', want.raw).concat(bySelector('name', want.raw)).forEach(function (el) {
          if (keep(el)) out.push([el, 'id', TIER.id]);
        });
      }
    }
    return out;
  }

  function sameGroup(a, b) {
    return a.type === 'radio' && b.type === 'radio' && a.name && a.name === b.name && a.form === b.form;
  }

  /*
   * The one best element for spec, or why there is none. Three stages, each its own function so
   * that a rule can be added where it belongs: candidates (every element a person could mean,
   * with the rule that names it and its score), topScored (the best score of each element, then
   * the elements with the best score of all), and breakTie (what still decides between those).
   */
  function resolve(spec) {
    var all;
    try {
      all = candidates(spec, true);
    } catch (e) {
      return { status: 'bad-selector', message: String(e && e.message || e) };
    }
    var best = topScored(preferFormInUse(all, spec));
    if (best.length > 1) best = breakTie(best, spec);
    if (best.length === 1) {
      return { status: 'found', el: best[0][0], group: false, how: best[0][1] };
    }
    if (best.length > 1 && spec.kind !== 'click' && best[0][1] !== 'label'
        && best.every(function (c) { return sameGroup(c[0], best[0][0]); })) {
      return { status: 'found', el: best[0][0], group: true, how: best[0][1] };
    }
    if (best.length > 1) {
      return { status: 'ambiguous', how: best[0][1], list: best.slice(0, 12).map(function (c) { return describe(c[0]); }) };
    }
    return missing(spec);
  }

  /* Each element once, with its best (rule, score); then those with the best score of all. */
  function topScored(all) {
    var byEl = new Map();
    all.forEach(function (c) {
      var had = byEl.get(c[0]);
      if (!had || had[2] < c[2]) byEl.set(c[0], c);
    });
    var top = 0;
    byEl.forEach(function (c) { if (c[2] > top) top = c[2]; });
    var best = [];
    byEl.forEach(function (c) { if (c[2] === top) best.push(c); });
    return best;
  }

  /* The form a fill last wrote into on this page: the form in use (a new page has none). */
  var formInUse = null;

  function formOf(el) {
    return el.form || (el.closest && el.closest('form')) || null;
  }

  function inFormInUse(el) {
    return !!formInUse && formInUse.isConnected && (formOf(el) === formInUse || formInUse.contains(el));
  }

  /*
   * After a fill, what a click names is first looked for in the form just filled: an exact match
   * there (its button, or a link inside it) wins over one elsewhere on the page (a header link, a
   * search box's button). Only for targets written as a person reads them, not for css:/xpath:/….
   */
  function preferFormInUse(all, spec) {
    if (spec.kind !== 'click' || !/^(plain|text|label)$/.test(spec.mode) || !formInUse || !formInUse.isConnected) return all;
    var exact = all.filter(function (c) { return c[2] > 50; });
    var pool = exact.length ? exact : all;
    var inside = pool.filter(function (c) { return inFormInUse(c[0]); });
    return inside.length ? inside : all;
  }

  function disabled(el) {
    return el.disabled === true || el.getAttribute('aria-disabled') === 'true' || !!el.closest('fieldset[disabled]');
  }

  /*
   * Equally good candidates: what a person would still tell apart. In order, each only when it
   * leaves at least one: one that can be used over a greyed-out one; one in the form in use;
   * the inner one of two nested (pressing a button inside a clickable box is pressing the box).
   * What remains equal stays a tie, and the error lists it.
   */
  function breakTie(best, spec) {
    var rules = [
      function (c) { return !disabled(c[0]); },
      function (c) { return inFormInUse(c[0]); },
      function (c, all) { return !all.some(function (o) { return o[0] !== c[0] && c[0].contains(o[0]); }); }
    ];
    if (/^(css|xpath|id|name)$/.test(spec.mode)) return best;
    if (best.every(function (c) { return sameGroup(c[0], best[0][0]); })) return best; /* one group of radio buttons */
    for (var i = 0; i < rules.length && best.length > 1; i++) {
      var kept = best.filter(function (c) { return rules[i](c, best); });
      if (kept.length) best = kept;
    }
    return best;
  }

  /* Why nothing was found: hidden matches, what the page shows, its frames. */
  function missing(spec) {
    var hidden = 0;
    try { hidden = candidates(spec, false).length; } catch (e) { hidden = 0; }
    var seen = [];
    var list = universe(spec.kind === 'any' ? 'click' : spec.kind);
    for (var i = 0; i < list.length && seen.length < 20; i++) {
      if (shown(list[i], spec.kind) && fits(list[i], spec.kind)) seen.push(describe(list[i]));
    }
    return { status: 'missing', hidden: hidden, seen: seen, frames: frameNames(document), title: document.title };
  }

  /* ---------- values ---------- */

  function truth(v) {
    var t = norm(v).toLowerCase();
    if (YES.indexOf(t) >= 0) return true;
    if (NO.indexOf(t) >= 0) return false;
    return null;
  }

  function radioText(r) {
    if (r.labels && r.labels.length) return ownText(r.labels[0]);
    var t = '';
    for (var s = r.nextSibling; s; s = s.nextSibling) {
      if (s.nodeType === 3) { t += s.nodeValue; continue; }
      if (s.nodeType !== 1 || s.tagName === 'BR' || s.matches(FIELD)) break;
      t += ownText(s);
    }
    return norm(t) ? t : r.value;
  }

  function groupOf(r) {
    var scope = r.form || document;
    return Array.prototype.filter.call(scope.querySelectorAll('input[type=radio]'), function (x) {
      return x.name === r.name && x.form === r.form && visible(x);
    });
  }

  function optionFor(select, v) {
    var n = norm(v), opts = select.options, i;
    for (i = 0; i < opts.length; i++) if (norm(opts[i].text) === n || norm(opts[i].label) === n) return opts[i];
    for (i = 0; i < opts.length; i++) if (opts[i].value === String(v)) return opts[i];
    return null;
  }

  function choiceFor(group, v) {
    var n = norm(v), i;
    for (i = 0; i < group.length; i++) if (norm(radioText(group[i])) === n) return group[i];
    for (i = 0; i < group.length; i++) if (group[i].value === String(v)) return group[i];
    return null;
  }

  function choices(el, group) {
    if (el.tagName === 'SELECT') return Array.prototype.map.call(el.options, function (o) { return norm(o.text); }).slice(0, 30);
    return groupOf(el).map(function (r) { return norm(radioText(r)); });
  }

  function read(el, group) {
    if (el.tagName === 'SELECT') {
      var o = el.selectedOptions && el.selectedOptions[0];
      return o ? o.text.trim() : '';
    }
    if (el.tagName === 'INPUT' && el.type === 'radio' && group) {
      var on = groupOf(el).filter(function (r) { return r.checked; })[0];
      return on ? norm(radioText(on)) : '';
    }
    if (el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio')) return el.checked ? 'true' : 'false';
    if (el.getAttribute && (el.getAttribute('role') === 'checkbox' || el.getAttribute('role') === 'radio')) {
      return el.getAttribute('aria-checked') === 'true' ? 'true' : 'false';
    }
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') return el.value;
    if (el.isContentEditable) return el.innerText.trim();
    return collapse(el.innerText);
  }

  function matches(el, group, v, strict) {
    v = v == null ? '' : String(v);
    if (el.tagName === 'SELECT') {
      var o = el.selectedOptions && el.selectedOptions[0];
      return !!o && (norm(o.text) === norm(v) || norm(o.label) === norm(v) || o.value === v);
    }
    if (el.tagName === 'INPUT' && el.type === 'radio' && group) {
      var on = groupOf(el).filter(function (r) { return r.checked; })[0];
      return on ? (norm(radioText(on)) === norm(v) || on.value === v) : !norm(v);
    }
    if (el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio')) return el.checked === truth(v);
    if (/^(checkbox|radio)$/.test(el.getAttribute('role') || '')) return (el.getAttribute('aria-checked') === 'true') === truth(v);
    if ((el.tagName === 'INPUT' && el.type !== 'file') || el.tagName === 'TEXTAREA') {
      var got = el.value.replace(/\r\n?/g, '\n'), want = v.replace(/\r\n?/g, '\n');
      return strict ? got === want : got.trim() === want.trim();
    }
    if (el.tagName === 'INPUT' && el.type === 'file') {
      var name = v.split(/[\\/]/).pop();
      return Array.prototype.some.call(el.files || [], function (f) { return f.name === name; });
    }
    return collapse(read(el, group)) === collapse(v);
  }

  var nativeSetter = function (el) {
    var proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype
      : el.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    return Object.getOwnPropertyDescriptor(proto, 'value').set;
  };

  function focus(el) {
    el.focus();
    if (document.activeElement !== el) {
      el.dispatchEvent(new FocusEvent('focus'));
      el.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      return false;
    }
    return true;
  }

  function blur(el, focused) {
    if (focused && document.activeElement === el) {
      el.blur();
    } else {
      el.dispatchEvent(new FocusEvent('blur'));
      el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    }
  }

  function fire(el, data) {
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: data }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /*
   * Sets el to v the way a person would leave it. Returns {} when done, {keys: true} when the
   * value must be typed with real keystrokes, {wait: why} when the field is not ready yet,
   * {error: why} when it never will be.
   */
  function set(el, group, v, mode, keys) {
    v = v == null ? '' : String(v);
    if (el.disabled) return { wait: 'disabled' };
    var tag = el.tagName, type = tag === 'INPUT' ? el.type : '';
    var checkable = type === 'checkbox' || type === 'radio';
    if (!checkable && /^(checkbox|radio)$/.test(el.getAttribute('role') || '')) {
      var on = truth(v);
      if (on === null) return { error: 'not-yes-no' };
      if ((el.getAttribute('aria-checked') === 'true') !== on) el.click();
      return {};
    }
    if (mode === 'select' && tag !== 'SELECT' && !(type === 'radio' && group)) return { error: 'not-a-list' };
    if (mode === 'check' && !checkable) return { error: 'not-a-checkbox' };
    if (!isField(el) && !checkable) return { error: 'not-a-field' };
    if (tag === 'SELECT') {
      var o = optionFor(el, v);
      if (!o) return { wait: 'no-option', choices: choices(el) };
      var f = focus(el);
      if (!o.selected) {
        o.selected = true;
      }
      fire(el, null);
      blur(el, f);
      return {};
    }
    if (type === 'radio' && group) {
      var r = choiceFor(groupOf(el), v);
      if (!r) return { wait: 'no-option', choices: choices(el, true) };
      if (r.disabled) return { wait: 'disabled' };
      if (!r.checked) r.click();
      return {};
    }
    if (checkable) {
      var want = truth(v);
      if (want === null) return { error: 'not-yes-no' };
      if (type === 'radio' && !want && el.checked) return { error: 'radio-uncheck' };
      if (el.checked !== want) el.click();
      return {};
    }
    if (type === 'file') return { keys: true };
    if (el.readOnly) return { wait: 'readonly' };
    if (el.isContentEditable && tag !== 'INPUT' && tag !== 'TEXTAREA') {
      if (keys) return { keys: true };
      var fc = focus(el);
      el.textContent = v;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: v }));
      blur(el, fc);
      return {};
    }
    if (el.maxLength > 0 && v.length > el.maxLength) return { error: 'too-long', max: el.maxLength };
    if (keys) return { keys: true };
    var focused = focus(el);
    nativeSetter(el).call(el, v);
    fire(el, v);
    blur(el, focused);
    return {};
  }

  /* ---------- operations ---------- */

  var ops = {};

  ops.find = function (spec) {
    var r = resolve(spec);
    if (r.status !== 'found') return r;
    r.touched = describe(r.el);
    if (spec.scroll) r.el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    if (spec.watch) {
      watch();
      r.submits = submits(r.el);
    }
    if (spec.aim) return aim(r);
    return r;
  };

  /*
   * Where a click on r.el lands, in CSS pixels of the tab's top viewport (for input events sent
   * to the tab): the middle of its part inside the viewport, and it must be what is there (not
   * covered). No point (null) inside a frame of another origin.
   */
  function aim(r) {
    var el = r.el, rects = el.getClientRects();
    var box = rects.length ? rects[0] : el.getBoundingClientRect();
    var left = Math.max(box.left, 0), right = Math.min(box.right, window.innerWidth);
    var top = Math.max(box.top, 0), bottom = Math.min(box.bottom, window.innerHeight);
    if (right <= left || bottom <= top) return { status: 'blocked', message: 'outside the window' };
    var x = (left + right) / 2, y = (top + bottom) / 2;
    var hit = document.elementFromPoint(x, y);
    if (hit && hit !== el && !el.contains(hit) && !(hit.control === el)) {
      return { status: 'blocked', message: 'covered by ' + describeShort(hit) };
    }
    var offset = frameOffset();
    r.point = offset ? [x + offset[0], y + offset[1]] : null;
    return r;
  }

  /*
   * Whether clicking el may send something to the system: a submit or image button, a button,
   * an element with its own onclick, a javascript: link. A plain link or a field is not.
   */
  function submits(el) {
    var t = el.tagName;
    if (t === 'INPUT') return /^(submit|image|button)$/i.test(el.type || '');
    if (t === 'BUTTON') return true;
    if (el.getAttribute('onclick')) return true;
    if (t === 'A') return /^\s*javascript:/i.test(el.getAttribute('href') || '');
    return false;
  }

  function describeShort(el) {
    var d = describe(el);
    return d.tag + (d.id ? '#' + d.id : '') + (d.text ? ' "' + d.text + '"' : '');
  }

  /* Where this frame's viewport starts in the top one, or null when a frame on the way is of another origin. */
  function frameOffset() {
    var x = 0, y = 0;
    try {
      for (var w = window; w !== w.top; w = w.parent) {
        var fe = w.frameElement;
        if (!fe) return null;
        var b = fe.getBoundingClientRect(), cs = w.parent.getComputedStyle(fe);
        x += b.left + fe.clientLeft + parseFloat(cs.paddingLeft || '0');
        y += b.top + fe.clientTop + parseFloat(cs.paddingTop || '0');
      }
    } catch (e) {
      return null;
    }
    return [x, y];
  }

  /*
   * Before a click: every window of the tab notes when it starts leaving its page, so that the
   * wait after the click also covers a frame the click sends elsewhere (menu → main), whose old
   * page stays "complete" until the new one arrives. A form submitted or a link followed in a
   * window is noted too (__karakuriExpecting, a time): the browser starts such a navigation a
   * moment after the click, and the wait must not end in that moment.
   */
  function watch() {
    var top;
    try { top = window.top; top.document; } catch (e) { top = window; }
    (function mark(w, depth) {
      try {
        w.__karakuriLeaving = false;
        w.__karakuriExpecting = 0;
        if (!w.__karakuriWatching) {
          w.__karakuriWatching = true;
          w.addEventListener('beforeunload', function () { w.__karakuriLeaving = true; });
          w.addEventListener('submit', function (e) {
            var t = e.target && e.target.getAttribute('target');
            if (!e.defaultPrevented && (!t || t === '_self')) w.__karakuriExpecting = w.performance.now();
          });
          w.addEventListener('click', function (e) {
            var a = e.target && e.target.closest && e.target.closest('a[href]');
            if (!a || e.defaultPrevented || a.hasAttribute('download')) return;
            var href = a.getAttribute('href'), t = a.getAttribute('target');
            if (/^\s*(#|javascript:)/i.test(href) || (t && t !== '_self')) return;
            w.__karakuriExpecting = w.performance.now();
          });
        }
        if (depth < 5) for (var i = 0; i < w.frames.length; i++) mark(w.frames[i], depth + 1);
      } catch (e) { /* another origin */ }
    })(top, 0);
  }

  /* Resolves several specs; stops at the first that is not found. */
  ops.findAll = function (specs) {
    var els = [];
    for (var i = 0; i < specs.length; i++) {
      var r = resolve(specs[i]);
      if (r.status !== 'found') { r.at = i; return r; }
      els.push(r.el);
    }
    return { status: 'found', els: els };
  };

  /*
   * Sets specs[i] to values[i] for i from start, in order; stops where a field is missing, not
   * ready or must be typed (status 'pending' / 'keys'). When all are set, reads every field back.
   */
  ops.fill = function (specs, values, start, mode, keys) {
    for (var i = start; i < specs.length; i++) {
      var r = resolve(specs[i]);
      if (r.status !== 'found') {
        r.at = i;
        if (r.status === 'missing') r.status = 'pending';
        return r;
      }
      formInUse = formOf(r.el) || formInUse;
      var done = set(r.el, r.group, values[i], mode, keys);
      if (done.keys) return { status: 'keys', at: i, el: r.el };
      if (done.wait) return { status: 'pending', at: i, why: done.wait, choices: done.choices || [], field: describe(r.el) };
      if (done.error) return { status: 'error', at: i, why: done.error, max: done.max || 0, field: describe(r.el) };
    }
    return ops.check(specs, values);
  };

  /* Reads every field back and compares with what was wanted. */
  ops.check = function (specs, values, loose) {
    var results = [];
    for (var i = 0; i < specs.length; i++) {
      var r = resolve(specs[i]);
      if (r.status !== 'found') {
        results.push({ ok: false, got: null, status: r.status });
        continue;
      }
      results.push({ ok: matches(r.el, r.group, values[i], !loose), got: read(r.el, r.group), touched: describe(r.el) });
    }
    return { status: 'done', results: results };
  };

  ops.read = function (specs) {
    var values = [];
    for (var i = 0; i < specs.length; i++) {
      var r = resolve(specs[i]);
      if (r.status !== 'found') {
        r.at = i;
        return r;
      }
      values.push(read(r.el, r.group));
    }
    return { status: 'found', values: values };
  };

  /* ---------- page text ---------- */

  function textOf(root, parts, depth) {
    var doc = root.ownerDocument || root;
    var body = root.body || root;
    if (!body) return;
    var shownCache = new Map();
    var walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var p = n.parentElement;
      if (!p || SKIP_TEXT.test(p.tagName)) continue;
      var ok = shownCache.get(p);
      if (ok === undefined) { ok = visible(p); shownCache.set(p, ok); }
      if (ok) parts.push(n.nodeValue);
    }
    body.querySelectorAll('input[type=submit],input[type=button],input[type=reset]').forEach(function (b) {
      if (visible(b)) parts.push(b.value);
    });
    if (depth > 4 || !root.querySelectorAll) return;
    root.querySelectorAll('iframe,frame').forEach(function (f) {
      try {
        if (f.contentDocument) textOf(f.contentDocument, parts, depth + 1);
      } catch (e) { /* another origin: not readable from here */ }
    });
  }

  function excerpt(parts) {
    var t = collapse(parts.join('\n')).replace(/\n/g, ' / ');
    return t.length > 300 ? t.substring(0, 299) + '…' : t;
  }

  /* Does the page (or the element found by spec) show text? */
  ops.hasText = function (text, spec) {
    var parts = [];
    if (spec) {
      var r = resolve(spec);
      if (r.status !== 'found') return r;
      var el = r.el;
      if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') parts.push(read(el, r.group));
      else textOf(el, parts, 0);
    } else {
      textOf(document, parts, 0);
    }
    var found = squeeze(parts.join('')).indexOf(squeeze(text)) >= 0;
    return { status: found ? 'found' : 'absent', excerpt: found ? '' : excerpt(parts), title: document.title };
  };

  /* Is this the page a legacy system shows after a logout? Looks from the top window down. */
  ops.expired = function (text, url) {
    var top;
    try { top = window.top.document; } catch (e) { top = document; }
    var urls = [];
    var collect = function (doc, depth) {
      urls.push(doc.location ? doc.location.href : '');
      if (depth > 4) return;
      doc.querySelectorAll('iframe,frame').forEach(function (f) {
        try { if (f.contentDocument) collect(f.contentDocument, depth + 1); } catch (e) { /* other origin */ }
      });
    };
    collect(top, 0);
    var byUrl = !!url && urls.some(function (u) { return u.indexOf(url) >= 0; });
    var byText = false;
    if (text) {
      var parts = [];
      textOf(top, parts, 0);
      byText = squeeze(parts.join('')).indexOf(squeeze(text)) >= 0;
    }
    return { expired: byUrl || byText, url: urls[0] || '' };
  };

  /* ---------- frames ---------- */

  ops.frame = function (segment) {
    var frames = Array.prototype.slice.call(document.querySelectorAll('iframe,frame'));
    var n = norm(segment);
    var hit = frames.filter(function (f) { return f.getAttribute('name') === segment || f.id === segment; });
    if (!hit.length) hit = frames.filter(function (f) { return norm(f.getAttribute('title')) === n || norm(f.getAttribute('name')) === n; });
    if (!hit.length && /^\d+$/.test(n) && +n >= 1 && +n <= frames.length) hit = [frames[+n - 1]];
    if (hit.length === 1) return { status: 'found', el: hit[0] };
    if (hit.length > 1) return { status: 'ambiguous', list: hit.map(describe) };
    return { status: 'missing', frames: frameNames(document), title: document.title };
  };

  ops.ready = function () {
    return document.readyState;
  };

  /* ---------- tables ---------- */

  function cellText(c) {
    var t = collapse(c.innerText);
    if (t) return t;
    var f = c.querySelector('input:not([type=hidden]),select,textarea');
    return f ? read(f, false) : '';
  }

  function grid(rows, els) {
    var g = [];
    for (var r = 0; r < rows.length; r++) {
      g[r] = g[r] || [];
      var c = 0;
      for (var k = 0; k < rows[r].cells.length; k++) {
        var cell = rows[r].cells[k];
        while (g[r][c] !== undefined) c++;
        var cs = Math.max(1, cell.colSpan | 0);
        var rs = cell.rowSpan === 0 ? rows.length - r : Math.max(1, cell.rowSpan | 0);
        var t = cellText(cell);
        for (var i = 0; i < rs && r + i < rows.length; i++) {
          g[r + i] = g[r + i] || [];
          if (els) els[r + i] = els[r + i] || [];
          for (var j = 0; j < cs; j++) {
            g[r + i][c + j] = t;
            if (els) els[r + i][c + j] = cell;
          }
        }
        c += cs;
      }
    }
    return g;
  }

  /* A row of page links under a list: 1 2 3 次へ, « 前へ | 次へ », 前の20件 次の20件. */
  var PAGER_WORD = /^(\d+|[<>«»‹›|…・/]+|\.\.\.|次へ|前へ|次|前|最初|最後|先頭|末尾|次の\d+件|前の\d+件|次ページ|前ページ|ページ|next|prev|previous|first|last|page)$/i;

  function isPager(row) {
    if (!row.querySelector('a,button,[role=link],[role=button],input[type=submit],input[type=button]')) return false;
    var words = collapse(row.innerText).split(/[\s\n]+/).filter(function (w) { return w; });
    return words.length >= 2 && words.every(function (w) { return PAGER_WORD.test(w); });
  }

  /* A cell that holds a check box or radio button and nothing a person reads. */
  function onlyATick(cell) {
    return !!cell && !!cell.querySelector('input[type=checkbox],input[type=radio],[role=checkbox]') && !collapse(cell.innerText);
  }

  /*
   * keep: what a person would leave out unless asked — footer (rows of <tfoot>), pager (a row of
   * page links), checkboxes (columns of nothing but a tick box) — each true to keep it.
   */
  ops.table = function (spec, keep) {
    keep = keep || {};
    var r = resolve(spec);
    if (r.status !== 'found') return r;
    var t = r.el;
    var rows = Array.prototype.filter.call(t.rows, function (row) {
      return row.closest('table') === t && visible(row)
        && (keep.footer || !(t.tFoot && row.parentElement === t.tFoot))
        && (keep.pager || !isPager(row));
    });
    var head = 0;
    if (t.tHead) {
      head = Array.prototype.filter.call(t.tHead.rows, function (row) { return rows.indexOf(row) >= 0; }).length;
    } else {
      while (head < rows.length && rows[head].cells.length
             && Array.prototype.every.call(rows[head].cells, function (c) { return c.tagName === 'TH'; })) head++;
    }
    if (!head && rows.length) head = 1;
    var cells = [];
    var g = grid(rows, cells);
    var width = 0;
    g.forEach(function (row) { width = Math.max(width, row.length); });
    var dropped = {};
    if (!keep.checkboxes && rows.length > head) {
      for (var k = 0; k < width; k++) {
        var all = true;
        for (var q = head; q < g.length && all; q++) all = onlyATick(cells[q] && cells[q][k]);
        if (all) dropped[k] = true;
      }
    }
    var headers = [];
    for (var c = 0; c < width; c++) {
      var parts = [];
      for (var h = 0; h < head; h++) {
        var x = onlyATick(cells[h] && cells[h][c]) ? '' : g[h][c]; /* a select-all box names nothing */
        if (x && parts[parts.length - 1] !== x) parts.push(x.replace(/\n/g, ' '));
      }
      headers.push(dropped[c] ? null : parts.join(' '));
    }
    var count = {};
    var kept = [];
    headers = headers.map(function (name, i) {
      if (name === null) return null;
      kept.push(i);
      if (!name) name = '列' + (i + 1);
      count[name] = (count[name] || 0) + 1;
      return count[name] > 1 ? name + '_' + count[name] : name;
    }).filter(function (name) { return name !== null; });
    var body = [];
    for (var b = head; b < g.length; b++) {
      var line = [];
      for (var d = 0; d < kept.length; d++) line.push(g[b][kept[d]] === undefined ? '' : g[b][kept[d]]);
      if (line.some(function (v) { return v; })) body.push(line);
    }
    return { status: 'found', headers: headers, rows: body };
  };

  /* The items of a list as they read: each item's own text on one line, without a list nested in it. */
  ops.list = function (spec) {
    var r = resolve(spec);
    if (r.status !== 'found') return r;
    var items = [];
    Array.prototype.forEach.call(r.el.children, function (li) {
      if (li.tagName !== 'LI' || !visible(li)) return;
      var parts = [];
      li.childNodes.forEach(function (n) {
        if (n.nodeType === 3) parts.push(n.nodeValue);
        else if (n.nodeType === 1 && n.tagName !== 'UL' && n.tagName !== 'OL' && visible(n)) parts.push(n.innerText);
      });
      var t = collapse(parts.join('')).replace(/\n/g, ' ');
      if (t) items.push(t);
    });
    return { status: 'found', items: items };
  };

  /* ---------- masking for screenshots ---------- */

  ops.maskCollect = function () {
    var top;
    try { top = window.top.document; } catch (e) { top = document; }
    var nodes = [];
    var texts = [];
    var walk = function (doc, depth) {
      var w = doc.createTreeWalker(doc.body || doc.documentElement, NodeFilter.SHOW_TEXT);
      for (var n = w.nextNode(); n; n = w.nextNode()) {
        if (n.nodeValue && n.nodeValue.trim()) { nodes.push(n); texts.push(n.nodeValue); }
      }
      doc.querySelectorAll('input:not([type=hidden]):not([type=password]),textarea').forEach(function (f) {
        if (f.value) { nodes.push(f); texts.push(f.value); }
      });
      if (depth > 4) return;
      doc.querySelectorAll('iframe,frame').forEach(function (f) {
        try { if (f.contentDocument) walk(f.contentDocument, depth + 1); } catch (e) { /* other origin */ }
      });
    };
    walk(top, 0);
    window.__karakuriMask = { nodes: nodes, saved: [] };
    return texts;
  };

  ops.maskApply = function (changes) {
    var m = window.__karakuriMask;
    if (!m) return 0;
    changes.forEach(function (ch) {
      var n = m.nodes[ch[0]];
      if (!n) return;
      if (n.nodeType === 3) { m.saved.push([n, n.nodeValue]); n.nodeValue = ch[1]; }
      else { m.saved.push([n, n.value]); nativeSetter(n).call(n, ch[1]); }
    });
    return m.saved.length;
  };

  ops.maskRestore = function () {
    var m = window.__karakuriMask;
    if (!m) return 0;
    m.saved.forEach(function (s) {
      if (s[0].nodeType === 3) s[0].nodeValue = s[1];
      else nativeSetter(s[0]).call(s[0], s[1]);
    });
    delete window.__karakuriMask;
    return 1;
  };

  return ops;
})();
