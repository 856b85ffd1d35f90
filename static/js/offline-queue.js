/* The offline queue, shared by the pages and the service worker (classic script).
   A write made without signal (lesson done, a check answer, a survey, a roll-call mark)
   is kept in IndexedDB with its client UUID and the id of the person who made it, and
   sent later exactly once: an item leaves the queue only when the server has answered,
   and the server counts a UUID once. Items of one person are never sent while another
   is signed in: they wait for her. An item the server refuses stays, marked, until she
   has seen it.
   On a shared phone without signal, a girl who signed in on it before may pick her name
   (pick): the phone opens her saved days, and what she does is kept "unconfirmed", sent
   as hers only once she has signed in with her PIN and said it was her (anyone may tap
   a name). The phone keeps no PIN and nothing made from one: a picked name opens only
   what is already on the phone. */
(function (root) {
  "use strict";
  var DB_NAME = "techcamp-offline", DB_VERSION = 1, SYNC_TAG = "offline-queue";
  var MAX_KNOWN = 40;  // a camp's girls: the names a shared phone offers to pick
  var dbPromise = null;

  function open() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = function () {
        var db = request.result;
        db.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
        db.createObjectStore("session", { keyPath: "key" });
        db.createObjectStore("days", { keyPath: "key" });
        db.createObjectStore("aliases", { keyPath: "url" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { dbPromise = null; reject(request.error); };
    });
    return dbPromise;
  }

  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode);
        var result = work(tx.objectStore(store));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  function all(store) { return run(store, "readonly", function (s) { return s.getAll(); }); }
  function get(store, key) { return run(store, "readonly", function (s) { return s.get(key); }); }
  function put(store, value) { return run(store, "readwrite", function (s) { return s.put(value); }); }
  function remove(store, key) { return run(store, "readwrite", function (s) { return s.delete(key); }); }

  /* Who is signed in on this phone, as the last page from the server said. */
  function session() {
    return get("session", "current").then(function (value) {
      return value || { key: "current", userId: "", userName: "", csrf: "" };
    });
  }

  function setSession(value) {
    value.key = "current";
    return put("session", value);
  }

  /* She signed out without signal: this phone forgets her at once (pages, saved days and
     queued writes stay hers, keyed by her id), and the sign-out itself waits for the
     signal (sendSignOut), so that her session on the server ends too. */
  function signOut(pending) {
    return put("session", { key: "current", userId: "", userName: "", csrf: pending.csrf,
                            lang: pending.lang }).then(function () {
      return put("session", { key: "signout", url: pending.url, csrf: pending.csrf,
                              userId: pending.userId });
    });
  }

  /* The sign-out made without signal, sent before anything else when the signal is back;
     it leaves the phone once the server has answered. */
  function sendSignOut() {
    return get("session", "signout").then(function (pending) {
      if (!pending) return false;
      var body = new URLSearchParams();
      body.append("csrfmiddlewaretoken", pending.csrf);
      return fetch(pending.url, {
        method: "POST", body: body, credentials: "same-origin", redirect: "manual",
        headers: { "X-CSRFToken": pending.csrf }
      }).then(function () { return remove("session", "signout"); }).then(function () {
        return true;
      });
    });
  }

  /* The girls who signed in on this phone, newest first: id, name as the site shows it
     ("Нурзат Б."), language. Nothing else about her. */
  function rememberIn(people, person) {
    var others = (people || []).filter(function (p) { return p.userId !== person.userId; });
    others.unshift({ userId: person.userId, userName: person.userName, lang: person.lang });
    return others.slice(0, MAX_KNOWN);
  }

  function known() {
    return get("session", "known").then(function (value) { return (value && value.people) || []; });
  }

  function remember(person) {
    if (!person.userId) return Promise.resolve();
    return known().then(function (people) {
      return put("session", { key: "known", people: rememberIn(people, person) });
    });
  }

  /* Without signal, a girl picks her name: the phone opens her own saved copies and
     keeps what she does as unconfirmed. The server knows nothing of it. Whoever was
     signed in is signed out (the sign-out reaches the server with the signal), so
     that when the signal returns no page opens under another girl's session. */
  function pick(person, signOutUrl) {
    return Promise.all([session(), get("session", "signout")]).then(function (both) {
      var current = both[0], pending = both[1];
      if (current.userId === person.userId && !current.picked) return current;  // it is she
      var chain = Promise.resolve();
      if (current.userId && !current.picked && !pending && signOutUrl) {
        chain = put("session", { key: "signout", url: signOutUrl, csrf: current.csrf,
                                 userId: current.userId });
      }
      var picked = { key: "current", userId: person.userId, userName: person.userName,
                     csrf: current.csrf, lang: person.lang || current.lang, picked: true };
      return chain.then(function () { return put("session", picked); }).then(function () {
        return picked;
      });
    });
  }

  /* What the sender does with an item: "send" it, keep it for an "other" person, or
     wait: the person on the phone only "picked" her name; or, made under a picked
     name, it waits until she, signed in with her PIN, says it was her ("confirm"); if
     she says it was not, it is never sent ("disowned") and waits for her facilitator. */
  function verdict(item, current) {
    if (!item.userId || item.userId !== current.userId) return "other";
    if (current.picked) return "picked";
    if (item.unconfirmed) return item.disowned ? "disowned" : "confirm";
    return "send";
  }

  function isUnconfirmed(item) { return !!item.unconfirmed && item.state !== "refused"; }

  /* Her unconfirmed items that wait for her answer ("was it you?"). */
  function toConfirm(items, userId) {
    return items.filter(function (item) {
      return item.userId === userId && isUnconfirmed(item) && !item.disowned;
    });
  }

  /* Her answer, applied to those items: "yes" makes them hers to send; "no" leaves
     them unconfirmed for good, never sent, for her facilitator's hand-over. */
  function answered(items, userId, yes) {
    return toConfirm(items, userId).map(function (item) {
      if (yes) { delete item.unconfirmed; item.confirmedAt = new Date().toISOString(); }
      else item.disowned = true;
      return item;
    });
  }

  /* The girl signed in (a page fresh from the server names her) answers for the
     writes made under her name while it was only picked. */
  function confirm(userId, yes) {
    return withLock(function () {
      return all("queue").then(function (items) {
        return Promise.all(answered(items, userId, yes).map(function (item) {
          return put("queue", item);
        }));
      });
    });
  }

  /* What a facilitator hands over of the unconfirmed writes: what the camp page shows,
     nothing more (no token, nothing of the form but the answer or the step). */
  function handOverList(items) {
    return items.filter(isUnconfirmed).map(function (item) {
      var fields = {};
      if (item.fields.step) fields.step = item.fields.step;
      if (item.fields.answer) fields.answer = item.fields.answer;
      return { client_id: item.fields.client_id, user_id: item.userId, url: item.url,
               fields: fields, label: item.label || "", created_at: item.createdAt };
    });
  }

  function unconfirmed() {
    return all("queue").then(function (items) { return items.filter(isUnconfirmed); });
  }

  /* Send the unconfirmed writes to the camp page of the facilitator signed in now; the
     phone forgets those the server kept. */
  function handOver(url, csrf) {
    return withLock(function () {
      return unconfirmed().then(function (items) {
        if (!items.length) return { kept: [], refused: [] };
        var body = new URLSearchParams();
        body.append("items", JSON.stringify(handOverList(items)));
        return fetch(url, {
          method: "POST", body: body, credentials: "same-origin", redirect: "manual",
          headers: { "Accept": "application/json", "X-CSRFToken": csrf }
        }).then(function (response) {
          if (!response.ok) throw new Error("hand-over " + response.status);
          return response.json();
        }).then(function (answer) {
          var kept = {};
          answer.kept.forEach(function (id) { kept[id] = true; });
          return Promise.all(items.filter(function (item) { return kept[item.fields.client_id]; })
            .map(function (item) { return remove("queue", item.seq); })).then(function () {
            return answer;
          });
        });
      });
    });
  }

  function add(item) {
    item.state = "waiting";
    item.createdAt = item.createdAt || new Date().toISOString();
    delete item.fields.csrfmiddlewaretoken;  // the token of the moment is sent instead
    return put("queue", item);
  }

  function alias(url) {
    var path = new URL(url, root.location.href).pathname;
    return get("aliases", path).then(function (value) { return value && value.saved; });
  }

  function withLock(work) {
    if (root.navigator && navigator.locks && navigator.locks.request) {
      return navigator.locks.request(SYNC_TAG, work);
    }
    return work();
  }

  /* Send one item; the answer says what became of it. */
  function send(item, current) {
    var body = new URLSearchParams();
    Object.keys(item.fields).forEach(function (name) { body.append(name, item.fields[name]); });
    return fetch(item.url, {
      method: "POST", body: body, credentials: "same-origin", redirect: "manual",
      headers: { "Accept": "application/json", "X-CSRFToken": current.csrf,
                 "X-Offline-User": item.userId }
    }).then(function (response) {
      if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
        return "signin";  // her session has ended: it waits until she signs in again
      }
      if (response.ok) return "sent";
      if (response.status >= 500 || response.status === 429) return "later";
      return response.text().then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (error) { data = null; }
        if (data && data.code === "sender") return "other";
        if (!data && text.indexOf("CSRF") !== -1) return "later";
        item.state = "refused";
        item.status = response.status;
        item.message = (data && (data.message || data.error)) || "";
        return "refused";
      });
    });
  }

  /* Send every item of the person signed in now. Never two senders at once. */
  function flush(options) {
    options = options || {};
    return withLock(function () {
      return Promise.all([session(), all("queue")]).then(function (both) {
        var current = both[0], items = both[1];
        if (options.csrf) current.csrf = options.csrf;
        var summary = { sent: 0, refused: 0, waiting: 0, others: 0, confirm: 0, disowned: 0,
                        offline: false };
        var chain = Promise.resolve();
        items.forEach(function (item) {
          chain = chain.then(function () {
            if (item.state === "refused") { summary.refused += 1; return; }
            var what = verdict(item, current);
            if (what === "other") {
              summary.others += 1;  // another person's: it waits for her
              return;
            }
            if (what === "picked") {
              summary.waiting += 1;  // she picked her name: it waits for her PIN
              return;
            }
            if (what === "confirm") {
              summary.confirm += 1;  // made under a picked name: she says if it was her
              return;
            }
            if (what === "disowned") {
              summary.disowned += 1;  // not hers, she said: for her facilitator
              return;
            }
            if (summary.offline) { summary.waiting += 1; return; }
            return send(item, current).then(function (outcome) {
              if (outcome === "sent") { summary.sent += 1; return remove("queue", item.seq); }
              if (outcome === "refused") { summary.refused += 1; return put("queue", item); }
              if (outcome === "other") { summary.others += 1; return; }
              summary.waiting += 1;
              if (outcome === "signin") summary.signin = true;
            }, function () {
              summary.offline = true;  // no signal: the rest waits too
              summary.waiting += 1;
            });
          });
        });
        return chain.then(function () { return summary; });
      });
    });
  }

  /* The client id every write carries (a version-4 UUID, which the server's forms
     accept), also where crypto.randomUUID is missing: browsers before 2021, and pages
     not served from a secure origin (a school's server reached by its address). */
  function newId() {
    var c = root.crypto;
    if (c.randomUUID) return c.randomUUID();
    var b = c.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  root.OfflineQueue = {
    SYNC_TAG: SYNC_TAG, newId: newId, open: open, all: all, get: get, put: put, remove: remove,
    session: session, setSession: setSession, add: add, alias: alias, flush: flush,
    signOut: signOut, sendSignOut: sendSignOut, known: known, remember: remember, pick: pick,
    unconfirmed: unconfirmed, handOver: handOver, confirm: confirm,
    // pure parts, for the unit tests (tests/js/)
    rememberIn: rememberIn, verdict: verdict, handOverList: handOverList,
    toConfirm: toConfirm, answered: answered
  };
})(self);
