/* On every page: installs the service worker, tells it who is signed in, keeps writes
   made without signal in the offline queue and sends them when the signal returns
   (on load, on the "online" event, and by Background Sync), says what waits on this
   phone, and in "save data" mode shows a picture only when it is tapped.
   The words come from the script tag's data-* attributes (translated by the server). */
(function () {
  "use strict";
  var script = document.currentScript;
  var say = script ? script.dataset : {};
  var Q = window.OfflineQueue;
  var meta = function (name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.content : "";
  };
  var me = { userId: meta("user-id"), userName: meta("user-name"), csrf: cookie("csrftoken"),
             lang: document.documentElement.lang };
  var fallback = !!document.querySelector('meta[name="offline-fallback"]');
  // A copy the service worker took from the phone (no signal), not from the server.
  var savedCopy = !!document.querySelector('meta[name="saved-copy"]');

  function cookie(name) {
    var found = document.cookie.split("; ").filter(function (c) { return c.indexOf(name + "=") === 0; })[0];
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }
  function fill(text, value) { return (text || "").replace("%s", value); }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.queue) show(event.data.queue);
    });
  }

  /* The page says who is signed in (a saved copy is always hers), except that a copy
     from the phone leaves a name picked without signal picked: only the server, with
     her PIN, confirms her. A girl the server names is remembered by this phone. */
  function who() {
    if (savedCopy) {
      return Q.session().then(function (current) {
        if (current.picked && current.userId === me.userId) return;
        return Q.setSession(me);
      });
    }
    return Q.setSession(me).then(function () {
      if (meta("user-pick")) return Q.remember(me);
    });
  }
  var ready = (Q && !fallback) ? who().catch(function () {}) : Promise.resolve();

  /* A banner at the top of the page: what waits on this phone, what was refused. */
  function banner() {
    var box = document.getElementById("offline-status");
    if (!box) {
      box = document.createElement("div");
      box.id = "offline-status";
      box.className = "offline-status";
      box.setAttribute("role", "status");
      var main = document.getElementById("main");
      if (main) main.insertBefore(box, main.firstChild); else document.body.prepend(box);
    }
    return box;
  }

  function line(box, text, kind) {
    var p = document.createElement("p");
    p.className = "message" + (kind ? " message-" + kind : "");
    p.textContent = text;
    box.append(p);
    return p;
  }

  function show(summary) {
    if (!Q) return;
    Promise.all([Q.all("queue"), Q.session()]).then(function (both) {
      var items = both[0], current = fallback ? both[1] : me;
      var picked = !!(both[1].picked && both[1].userId === current.userId);
      var box = banner();
      box.replaceChildren();
      if (picked) {
        var note = line(box, fill(say.picked, current.userName));
        var other = document.createElement("a");
        other.href = "/" + (me.lang || current.lang) + "/offline/";
        other.textContent = say.pickOther;
        note.append(" ", other);
      }
      var all = items.filter(function (i) { return i.userId === current.userId && i.state !== "refused"; });
      // Made under her name while it was only picked: she says whether it was her.
      var ask = picked ? [] : Q.toConfirm(all, current.userId);
      var disowned = all.filter(function (i) { return i.disowned; });
      var mine = all.filter(function (i) { return ask.indexOf(i) < 0 && !i.disowned; });
      // Only a page fresh from the server names her: a copy from the phone does not ask.
      var fresh = !savedCopy && !fallback;
      var others = items.filter(function (i) { return i.userId !== current.userId && i.state !== "refused"; });
      var refused = items.filter(function (i) { return i.userId === current.userId && i.state === "refused"; });
      if (summary && summary.sent) line(box, fill(say.sent, summary.sent), "success");
      if (mine.length) line(box, fill(picked ? say.unconfirmed : say.mine, mine.length));
      if (ask.length && fresh) wasItYou(box, ask, current);
      else if (ask.length) line(box, fill(say.unconfirmed, ask.length));
      if (disowned.length) line(box, fill(say.disowned, disowned.length));
      if (summary && summary.signin && mine.length) line(box, say.signin, "error");
      // Another girl's name picked without signal: sent only if she says it was her.
      var othersPicked = others.filter(function (i) { return i.unconfirmed; });
      if (others.length > othersPicked.length) {
        line(box, fill(say.others, others.length - othersPicked.length));
      }
      if (othersPicked.length) line(box, fill(say.othersPicked, othersPicked.length));
      refused.forEach(function (item) {
        var p = line(box, fill(say.refused, item.label || "") + " " + (item.message || say.refusedWhy), "error");
        var ok = document.createElement("button");
        ok.type = "button";
        ok.className = "secondary";
        ok.textContent = say.dismiss;
        ok.addEventListener("click", function () { Q.remove("queue", item.seq).then(function () { show(); }); });
        p.append(" ", ok);
      });
      box.hidden = !box.childElementCount;
      markForms(mine.concat(ask));
    });
  }

  /* Signed in with her PIN, she is asked about what was done under her name while it
     was only picked (anyone may tap a name): "yes" sends it as hers, "no" never does. */
  function wasItYou(box, ask, current) {
    var p = document.createElement("div");
    p.className = "message was-it-you";
    var question = document.createElement("p");
    question.textContent = fill(say.wasItYou, ask.length);
    p.append(question);
    box.append(p);
    var what = document.createElement("ul");
    ask.map(function (item) { return item.label || ""; }).filter(function (label, i, labels) {
      return label && labels.indexOf(label) === i;
    }).forEach(function (label) {
      var li = document.createElement("li");
      li.textContent = label;
      what.append(li);
    });
    if (what.childElementCount) p.append(what);
    [[say.yes, true, ""], [say.no, false, "secondary"]].forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = choice[2];
      button.textContent = choice[0];
      button.addEventListener("click", function () {
        button.disabled = true;
        Q.confirm(current.userId, choice[1]).then(function () {
          if (choice[1]) flush(); else show();
        });
      });
      p.append(button, " ");
    });
  }

  /* Forms on this page whose write is already waiting on the phone say so. */
  function markForms(mine) {
    mine.forEach(function (item) {
      document.querySelectorAll("form[data-learning], form[data-offline]").forEach(function (form) {
        var id = form.querySelector("[name=client_id]");
        if (form.action === item.url && id && id.value === item.fields.client_id) savedHere(form, item.fields);
      });
    });
  }

  function savedHere(form, fields) {
    var box = form.querySelector("[role=status]");
    if (!box) { box = document.createElement("p"); box.setAttribute("role", "status"); form.append(box); }
    box.replaceChildren();
    var verdict = quizVerdict(form, fields);
    if (verdict) box.append(verdict);
    var p = document.createElement("p");
    p.className = "message offline-saved";
    p.textContent = say.savedHere;
    box.append(p);
  }

  /* A lesson question's answer checked on the phone, from the key its form carries (the
     lesson's own, public on its page): right or wrong and the explanation, as the
     server would say. The server scores the answer again when it arrives: its score is
     the record. */
  function quizVerdict(form, fields) {
    var key = form.dataset.correct;
    if (form.dataset.learning !== "quiz" || !key || !fields || !fields.answer) return null;
    var right = String(fields.answer) === key;
    var p = document.createElement("p");
    p.className = "message " + (right ? "message-success" : "message-error");
    var strong = document.createElement("strong");
    strong.textContent = right ? form.dataset.right : form.dataset.wrong;
    p.append(strong, " " + (right ? "" : form.dataset.tryAgain + " ") + form.dataset.explanation);
    return p;
  }


  /* learning.js (and any other form script) raises this when a write cannot be sent. */
  function keep(event) {
    if (!Q || !me.userId) return;  // not signed in: the plain form post says what to do
    event.preventDefault();
    var detail = event.detail;
    var form = Array.prototype.find.call(document.querySelectorAll("form"), function (f) {
      var id = f.querySelector("[name=client_id]");
      return f.action === detail.url && (!id || id.value === detail.fields.client_id);
    });
    var label = (document.querySelector("h1") || {}).textContent || document.title;
    Q.session().then(function (current) {
      // Made under a name picked without signal: unconfirmed until she signs in.
      var unconfirmed = !!(current.picked && current.userId === me.userId);
      return Q.add({ url: detail.url, fields: detail.fields, userId: me.userId,
                     userName: me.userName, label: label.trim(), page: location.pathname,
                     unconfirmed: unconfirmed });
    }).then(function () {
      if (form && form.dataset.learning) {
        savedHere(form, detail.fields);
        var id = form.querySelector("[name=client_id]");
        // Another try of the same question is another attempt, with its own id.
        if (id && form.dataset.learning === "quiz") id.value = Q.newId();
      }
      show();
      if ("serviceWorker" in navigator && window.SyncManager) {
        navigator.serviceWorker.ready.then(function (reg) {
          return reg.sync.register(Q.SYNC_TAG);
        }).catch(function () {});
      }
    });
  }
  document.addEventListener("learning:unsent", keep);
  document.addEventListener("offline:unsent", keep);

  function flush() {
    if (!Q || !navigator.onLine || fallback) return show();
    ready.then(function () { return Q.flush({ csrf: me.csrf }); }).then(show, function () { show(); });
  }
  window.addEventListener("online", flush);
  flush();

  /* Saved days follow the newest published version: checked at most twice an hour.
     Only a check that ran counts: a visit before she saved her first day must not put
     off the check of that day for half an hour. */
  if (navigator.onLine && say.days && me.lang) {
    var key = "offline-checked";
    var last = Number(localStorage.getItem(key) || 0);
    if (Date.now() - last > 30 * 60 * 1000) {
      ready.then(function () { return Q && Q.all("days"); }).then(function (days) {
        if (!days || !days.some(function (d) { return d.userId === me.userId; })) return;
        localStorage.setItem(key, String(Date.now()));
        var tag = document.createElement("script");
        tag.src = say.days;
        tag.dataset.refresh = "1";
        document.body.append(tag);
      });
    }
  }

  function keepScripts(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    Array.prototype.forEach.call(page.querySelectorAll("script[src]"), function (script) {
      var src = script.getAttribute("src");
      if (src.indexOf("/") === 0 && !document.querySelector('script[src="' + src + '"]')) {
        fetch(src).catch(function () {});
      }
    });
  }

  /* Links the server marks data-keep-offline (today's roll call on the facilitator's
     dashboard) are fetched once with signal into her own page cache, so that they open in
     a school without a connection; the service worker keeps them fresh afterwards. */
  var keepers = document.querySelectorAll("a[data-keep-offline]");
  if (navigator.onLine && me.userId && window.caches && keepers.length && !fallback) {
    caches.open("pages-" + me.userId).then(function (cache) {
      Array.prototype.forEach.call(keepers, function (link) {
        var key = location.origin + link.pathname;
        cache.match(key, { ignoreVary: true, ignoreSearch: true }).then(function (hit) {
          if (hit) return;
          return fetch(link.pathname, { credentials: "same-origin" }).then(function (response) {
            if (/no-store/.test(response.headers.get("Cache-Control") || "")) return;
            if (!response.ok || response.redirected) return;
            return response.clone().text().then(function (html) {
              // Its own scripts too (the roll call's): the service worker keeps each
              // script a page fetches, so the kept page works offline as it does online.
              keepScripts(html);
              return cache.put(key, response);
            });
          });
        }).catch(function () {});
      });
    });
  }

  /* Signing out without signal (a girl on the phone the girls share): the phone forgets
     her at once and opens the camp's list of names (kept below), or the "saved on this
     phone" page; the sign-out reaches the server with the signal (the service worker).
     With signal, the form is sent as usual. */
  function signOut(event) {
    var form = event.target.closest("form[data-sign-out]");
    if (!form || !Q || !me.userId || navigator.onLine) return;
    if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) return;
    event.preventDefault();
    Q.session().then(function (current) {
      // A picked name was never signed in: the phone only forgets the pick.
      if (current.picked) return Q.setSession({ userId: "", userName: "", csrf: current.csrf,
                                                lang: me.lang });
      return Q.signOut({ url: form.action, csrf: me.csrf, userId: me.userId, lang: me.lang });
    }).then(function () { location.assign(form.dataset.signOut || "/" + me.lang + "/"); });
  }
  document.addEventListener("submit", signOut);

  /* The camp's list of names, seen while nobody is signed in, is kept for a sign-out
     without signal; a phone whose camp sign-in is off forgets it. */
  var list = document.querySelector("[data-signin-list]");
  if (list && !me.userId && navigator.onLine && window.caches && !fallback) {
    caches.open("signin-list").then(function (cache) {
      var key = location.origin + location.pathname;
      if (list.dataset.signinList !== "on") return cache.delete(key);
      return fetch(location.pathname, { credentials: "same-origin" }).then(function (response) {
        if (response.ok && !response.redirected) return cache.put(key, response);
      });
    }).catch(function () {});
  }

  /* Without signal, the girls who signed in on this phone before and saved days here
     pick their name ("[data-pick-list]" on the "saved on this phone" page and the
     camp's list of names) and open what they saved. */
  var pickList = document.querySelector("[data-pick-list]");
  if (pickList && Q && (fallback || savedCopy || !navigator.onLine)) {
    ready.then(function () {
      return Promise.all([Q.known(), Q.all("days"), Q.session()]);
    }).then(function (found) {
      var people = found[0], days = found[1], current = found[2];
      var list = pickList.querySelector("ul");
      list.replaceChildren();
      people.forEach(function (person) {
        var count = days.filter(function (d) { return d.userId === person.userId; }).length;
        if (!count) return;  // nothing of hers to open on this phone
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "name-button";
        button.textContent = person.userName;
        if (person.userId === current.userId) button.setAttribute("aria-current", "true");
        var savedNote = document.createElement("span");
        savedNote.className = "meta";
        savedNote.textContent = fill(pickList.dataset.days, count);
        button.addEventListener("click", function () {
          Q.pick(person, pickList.dataset.signOutUrl).then(function () {
            location.assign("/" + (person.lang || me.lang) + "/offline/");
          });
        });
        li.append(button, savedNote);
        list.append(li);
      });
      pickList.hidden = !list.childElementCount;
    }).catch(function () {});
  }

  /* On a facilitator's camp page, on the phone that keeps them: the writes of picked
     names never confirmed with a PIN can be handed over (camp/shared_phone.py). */
  var handing = document.querySelector("[data-hand-over]");
  if (handing && Q && me.userId && !savedCopy && !fallback) {
    ready.then(function () { return Q.unconfirmed(); }).then(function (items) {
      if (!items.length) return;
      var box = handing.querySelector("[data-hand-over-phone]");
      var status = box.querySelector("[role=status]");
      var button = box.querySelector("button");
      status.textContent = fill(handing.dataset.onPhone, items.length);
      handing.hidden = box.hidden = false;
      button.addEventListener("click", function () {
        button.disabled = true;
        Q.handOver(handing.dataset.handOver, me.csrf).then(function (answer) {
          if (answer.kept.length) { location.reload(); return; }
          status.textContent = fill(handing.dataset.left, answer.refused.length);
        }, function () {
          status.textContent = handing.dataset.failed;
          button.disabled = false;
        });
      });
    }).catch(function () {});
  }

  /* Save data: pictures wait for a tap (the server left their addresses in data-*). */
  document.querySelectorAll("img[data-src]").forEach(function (img) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary tap-picture";
    button.textContent = say.picture + (img.alt ? ": " + img.alt : "");
    img.hidden = true;
    img.after(button);
    button.addEventListener("click", function () {
      var picture = img.closest("picture");
      if (picture) picture.querySelectorAll("source[data-srcset]").forEach(function (s) {
        s.srcset = s.dataset.srcset;
      });
      if (img.dataset.srcset) img.srcset = img.dataset.srcset;
      img.src = img.dataset.src;
      img.hidden = false;
      button.remove();
    });
  });
})();
