// docgen's workbench: the plan editor (line numbers, highlighting, the lines with problems),
// and dropping files on the month's rows and the templates list. No library but htmx.
"use strict";

(function () {
  // ---- the editor -------------------------------------------------------------------------
  const editor = document.getElementById("editor");

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Where a comment starts in a YAML line: a '#' after a space (or at the start), outside quotes.
  function commentStart(line) {
    let quote = null;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'") {
        if (i === 0 || /[\s:\[{,-]/.test(line[i - 1])) quote = c;
      } else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) {
        return i;
      }
    }
    return -1;
  }

  function highlightValue(text) {
    let html = escapeHtml(text);
    html = html.replace(/(\{\{.*?\}\})/g, '<span class="t-place">$1</span>');
    if (/^\s*(["']).*\1\s*$/.test(text)) return '<span class="t-string">' + html + "</span>";
    if (/^\s*(\d{4}-\d{2}-\d{2}|-?\d+(\.\d+)?|true|false|null|~)\s*$/.test(text)) {
      return '<span class="t-number">' + html + "</span>";
    }
    if (/^\s*[|>][-+]?\s*$/.test(text)) return '<span class="t-mark">' + html + "</span>";
    return html;
  }

  function highlightLine(line) {
    const hash = commentStart(line);
    const code = hash >= 0 ? line.slice(0, hash) : line;
    const comment = hash >= 0 ? '<span class="t-comment">' + escapeHtml(line.slice(hash)) + "</span>" : "";
    const match = /^(\s*)(-\s+)?([^\s#'"{\[][^:#]*?|"[^"]*"|'[^']*')(:)(\s|$)(.*)$/.exec(code);
    if (match) {
      const [, indent, dash, key, colon, space, rest] = match;
      return (
        indent +
        (dash ? '<span class="t-mark">' + dash + "</span>" : "") +
        '<span class="t-key">' + escapeHtml(key) + "</span>" +
        '<span class="t-mark">' + colon + "</span>" +
        space +
        highlightValue(rest) +
        comment
      );
    }
    const item = /^(\s*)(-\s+)(.*)$/.exec(code);
    if (item) return item[1] + '<span class="t-mark">' + item[2] + "</span>" + highlightValue(item[3]) + comment;
    return highlightValue(code) + comment;
  }

  function markedLines() {
    const lines = new Map();
    document.querySelectorAll("#problems li[data-line]").forEach(function (li) {
      const n = Number(li.dataset.line);
      const worst = lines.get(n) === "error" || li.classList.contains("error") ? "error" : "warning";
      lines.set(n, worst);
    });
    return lines;
  }

  function paint() {
    if (!editor) return;
    const lines = editor.value.split("\n");
    const marks = markedLines();
    const numbers = [];
    const painted = [];
    lines.forEach(function (line, i) {
      const mark = marks.get(i + 1);
      const cls = mark ? ' class="line-' + mark + '"' : "";
      numbers.push("<span" + cls + ">" + (i + 1) + "</span>");
      painted.push("<span" + cls + ">" + highlightLine(line) + "\n</span>");
    });
    document.getElementById("gutter").innerHTML = numbers.join("");
    document.getElementById("highlight").innerHTML = painted.join("");
    scrollWith();
  }

  function scrollWith() {
    const highlight = document.getElementById("highlight");
    const gutter = document.getElementById("gutter");
    highlight.style.transform = "translate(" + -editor.scrollLeft + "px," + -editor.scrollTop + "px)";
    gutter.style.transform = "translateY(" + -editor.scrollTop + "px)";
  }

  function goToLine(n) {
    const lines = editor.value.split("\n");
    let at = 0;
    for (let i = 0; i < n - 1 && i < lines.length; i++) at += lines[i].length + 1;
    editor.focus();
    editor.setSelectionRange(at, at + (lines[n - 1] || "").length);
    const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 20;
    editor.scrollTop = Math.max(0, (n - 5) * lineHeight);
    scrollWith();
  }

  function setDirty(dirty) {
    const state = document.getElementById("dirty");
    if (!state) return;
    state.textContent = dirty ? "有未保存的修改" : "已保存";
    state.classList.toggle("dirty", dirty);
    editor.dataset.dirty = dirty ? "1" : "";
  }

  if (editor) {
    editor.addEventListener("input", function () {
      paint();
      setDirty(true);
    });
    editor.addEventListener("scroll", scrollWith);
    editor.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        htmx.trigger("#plan-form", "submit");
      } else if (event.key === "Tab" && !event.shiftKey) {
        event.preventDefault(); // YAML is indented with spaces
        editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
        editor.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    document.getElementById("problems").addEventListener("click", function (event) {
      const li = event.target.closest("li[data-line]");
      if (li) goToLine(Number(li.dataset.line));
    });
    document.body.addEventListener("htmx:afterSettle", paint);
    document.body.addEventListener("plan-saved", function () {
      setDirty(false);
    });
    window.addEventListener("beforeunload", function (event) {
      if (editor.dataset.dirty) event.preventDefault();
    });
    paint();
  }

  // ---- dropping files ---------------------------------------------------------------------
  // A file dropped on an element with data-drop-form goes into that form's file input and is sent;
  // on a unit's row (data-unit) the form's unit is that row's first.
  function sendDropped(target, files) {
    const form = document.getElementById(target.dataset.dropForm);
    if (!form || !files.length) return;
    const input = form.querySelector("input[type=file]");
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    input.files = transfer.files;
    if (target.dataset.unit) form.querySelector("select[name=unit]").value = target.dataset.unit;
    htmx.trigger(form, "submit");
  }

  document.addEventListener("dragover", function (event) {
    const target = event.target.closest("[data-drop-form]");
    if (!target) return;
    event.preventDefault();
    document.querySelectorAll(".drop-here").forEach((e) => e.classList.remove("drop-here"));
    target.classList.add("drop-here");
  });
  document.addEventListener("dragleave", function (event) {
    const target = event.target.closest("[data-drop-form]");
    if (target && !target.contains(event.relatedTarget)) target.classList.remove("drop-here");
  });
  document.addEventListener("drop", function (event) {
    const target = event.target.closest("[data-drop-form]");
    if (!target) return;
    event.preventDefault();
    target.classList.remove("drop-here");
    sendDropped(target, event.dataTransfer.files);
  });
  // a file chosen in a form's input is sent at once
  document.addEventListener("change", function (event) {
    const input = event.target;
    if (input.matches("input[type=file][data-send-on-choose]") && input.files.length) {
      htmx.trigger(input.form, "submit");
    }
  });

  // ---- a refusal (403, 408, 413, 500) or no answer at all: said where the answer would have gone,
  // never a click that silently does nothing (a save that did not save)
  function showFailure(event, words) {
    const target = event.detail.target;
    if (!target) return;
    const shown = document.createElement("span");
    shown.className = "refused";
    shown.dataset.testid = "request-failed";
    shown.textContent = words;
    target.replaceChildren(shown);
  }
  document.body.addEventListener("htmx:responseError", function (event) {
    const answer = event.detail.xhr;
    const text = (answer.getResponseHeader("content-type") || "").startsWith("text/plain") ? answer.responseText : "";
    showFailure(event, "未完成（" + answer.status + "）：" + (text.split("\n")[0] || "工作台拒绝了这个请求。"));
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    showFailure(event, "未完成：连接不上工作台（它已经停止了吗？）");
  });
})();
