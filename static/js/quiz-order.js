/* A lesson's check questions show their choices in an order of the girl's own, so that
   the right answer's place teaches nothing ("it is always B"). The order comes from a
   seed the server draws for her on every request (an HMAC of her account, never the
   account itself: <article data-quiz-seed>) and from the question (its lesson and
   number), so the same girl sees the same order of the same question every time: after
   a reload, on a retry, on a saved day without signal.

   Only the labels move: each radio keeps its value, the choice's number in the lesson,
   which is what the server scores and keeps, and what the phone checks without signal.
   Without this script the choices stay in the order the lesson was written in. */
(function (root) {
  "use strict";

  /* 32-bit FNV-1a of a text's UTF-16 code units, then mixed (murmur3's finaliser) so
     that texts differing only in their last letter still start far apart. */
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }

  /* mulberry32: a small generator of numbers in [0, 1), the same on every browser. */
  function generator(state) {
    return function () {
      state = (state + 0x6d2b79f5) | 0;
      var t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* The choices' numbers (1..count) in the order this seed shows this question. */
  function order(seed, question, count) {
    var numbers = [];
    for (var n = 1; n <= count; n++) numbers.push(n);
    if (!seed) return numbers;
    var next = generator(hash(seed + "|" + question));
    for (var i = numbers.length - 1; i > 0; i--) {
      // Fisher-Yates
      var j = Math.floor(next() * (i + 1));
      var kept = numbers[i];
      numbers[i] = numbers[j];
      numbers[j] = kept;
    }
    return numbers;
  }

  /* Puts one question's choices in her order; its radios and their values stay as they are. */
  function shuffleForm(form, seed) {
    var labels = Array.prototype.slice.call(form.querySelectorAll("label.choice"));
    if (labels.length < 2 || !form.dataset.question) return;
    var byNumber = {};
    labels.forEach(function (label) {
      var input = label.querySelector("input[type=radio]");
      if (input) byNumber[input.value] = label;
    });
    if (Object.keys(byNumber).length !== labels.length) return;
    var parent = labels[0].parentNode;
    var after = labels[labels.length - 1].nextSibling;
    order(seed, form.dataset.question, labels.length).forEach(function (number) {
      var label = byNumber[String(number)];
      if (label) parent.insertBefore(label, after);
    });
  }

  function shuffleAll(doc) {
    var holder = doc.querySelector("[data-quiz-seed]");
    if (!holder) return;
    var seed = holder.getAttribute("data-quiz-seed");
    Array.prototype.forEach.call(doc.querySelectorAll("form[data-learning=quiz]"), function (form) {
      shuffleForm(form, seed);
    });
  }

  root.QuizOrder = { hash: hash, order: order, shuffleForm: shuffleForm, shuffleAll: shuffleAll };
  if (root.document) shuffleAll(root.document);
})(self);
