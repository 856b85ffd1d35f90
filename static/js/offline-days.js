/* Days saved for offline: save a day (its lessons, their pictures at phone size, the
   styles and scripts), list what is saved with its size, remove it, and download a day
   again when a newer version is published. Pages are kept per person ("pages-<id>"),
   so on a shared phone each girl opens only her own saved copies; pictures, styles and
   scripts are shared. The words come from data-* attributes of the server's HTML. */
(function () {
  "use strict";
  var Q = null;  // set at start: offline-queue.js comes later in the page
  var script = document.currentScript;
  var TYPES = { "image/avif": "data:image/avif;base64,AAAAIGZ0eXBhdmlmAAAAAGF2aWZtaWYxbWlhZk1BMUIAAADrbWV0YQAAAAAAAAAhaGRscgAAAAAAAAAAcGljdAAAAAAAAAAAAAAAAAAAAAAOcGl0bQAAAAAAAQAAAB5pbG9jAAAAAEQAAAEAAQAAAAEAAAETAAAAJQAAAChpaW5mAAAAAAABAAAAGmluZmUCAAAAAAEAAGF2MDFDb2xvcgAAAABqaXBycAAAAEtpcGNvAAAAFGlzcGUAAAAAAAAAAQAAAAEAAAAQcGl4aQAAAAADCAgIAAAADGF2MUOBAAwAAAAAE2NvbHJuY2x4AAEADQAGgAAAABdpcG1hAAAAAAAAAAEAAQQBAoMEAAAALW1kYXQSAAoIGAAGiAhoNCAyFxTHh4ZlAgggnlAAAAD2b2M9SPG6ZHSs",
               "image/webp": "data:image/webp;base64,UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAUAmJaQAA3AA/vz0AAA=" };
  var supported = {};

  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.content : "";
  }
  function fill(text, value) { return (text || "").replace("%s", value); }

  function size(bytes, words) {
    if (bytes >= 1024 * 1024) return fill(words.mb, (bytes / 1024 / 1024).toFixed(1));
    return fill(words.kb, Math.max(1, Math.round(bytes / 1024)));
  }

  function canShow(type) {
    if (!TYPES[type]) return Promise.resolve(true);
    if (type in supported) return Promise.resolve(supported[type]);
    return new Promise(function (resolve) {
      var img = new Image();
      img.onload = function () { resolve(supported[type] = img.width > 0); };
      img.onerror = function () { resolve(supported[type] = false); };
      img.src = TYPES[type];
    });
  }

  /* The first format of a picture this phone shows: AVIF, else WebP, else PNG. */
  function choose(image) {
    var chain = Promise.resolve(null);
    image.choices.forEach(function (choice) {
      chain = chain.then(function (found) {
        return found || canShow(choice.type).then(function (ok) { return ok ? choice : null; });
      });
    });
    return chain.then(function (found) { return found || image.choices[image.choices.length - 1]; });
  }

  function session() {
    if (document.querySelector('meta[name="offline-fallback"]')) return Q.session();
    return Promise.resolve({ userId: meta("user-id"), userName: meta("user-name") });
  }

  function dayKey(userId, id) { return (userId || "anon") + ":" + id; }

  function fetchBundle(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("bundle " + response.status);
        return response.json();
      });
  }

  function full(error) {
    return error && (error.name === "QuotaExceededError" || /quota/i.test(String(error.message)));
  }

  /* Download a day. On a full phone nothing of this day stays half-saved, and the
     days saved before are kept. */
  function save(bundle, who, bundleUrl) {
    var pagesName = "pages-" + (who.userId || "anon");
    var added = [];  // [cacheName, url] written now, undone if the phone is full
    var record = { key: dayKey(who.userId, bundle.id), userId: who.userId, id: bundle.id,
                   title: bundle.title, url: bundle.url, language: bundle.language,
                   version: bundle.version, bundleUrl: bundleUrl, pages: [], images: [], static: [], bytes: 0,
                   savedAt: new Date().toISOString() };
    function keep(cacheName, url, options) {
      return fetch(url, options || { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(url + " " + response.status);
        // A page that must leave no copy on the phone is never saved with a day.
        if (/no-store/.test(response.headers.get("Cache-Control") || "")) return 0;
        return response.blob().then(function (body) {
          var copy = new Response(body, { status: 200, headers: response.headers });
          return caches.open(cacheName).then(function (cache) {
            return cache.put(url, copy);
          }).then(function () { added.push([cacheName, url]); return body.size; });
        });
      });
    }
    var estimate = (navigator.storage && navigator.storage.estimate) ?
      navigator.storage.estimate() : Promise.resolve(null);
    return estimate.then(function (room) {
      if (room && room.quota && room.quota - room.usage < bundle.bytes * 2) {
        var error = new Error("quota"); error.name = "QuotaExceededError"; throw error;
      }
      var chain = Promise.resolve();
      bundle.static.forEach(function (file) {
        chain = chain.then(function () {
          return caches.match(file.url).then(function (hit) {
            record.static.push(file.url);
            record.bytes += file.bytes;
            return hit || keep("saved-static", file.url);
          });
        });
      });
      bundle.images.forEach(function (image) {
        chain = chain.then(function () { return choose(image); }).then(function (choice) {
          record.images.push({ url: choice.url, aliases: image.aliases });
          record.bytes += choice.bytes;
          return caches.match(choice.url).then(function (hit) {
            return hit || keep("media", choice.url);
          }).then(function () {
            return Promise.all(image.aliases.map(function (alias) {
              return Q.put("aliases", { url: alias, saved: choice.url });
            }));
          });
        });
      });
      bundle.pages.forEach(function (page) {
        chain = chain.then(function () {
          return keep(pagesName, new URL(page.url, location.href).href).then(function (bytes) {
            record.pages.push(page.url);
            record.bytes += page.bytes;
            return bytes;
          });
        });
      });
      return chain;
    }).then(function () {
      return Q.put("days", record).then(function () { return record; });
    }, function (error) {
      // A first save that failed leaves nothing half-done; a day saved before stays.
      return Q.get("days", record.key).then(function (before) {
        if (before) return;
        return Promise.all(added.filter(function (entry) { return entry[0] === pagesName; })
          .map(function (entry) {
            return caches.open(entry[0]).then(function (cache) { return cache.delete(entry[1]); });
          }));
      }).then(function () { throw error; });
    });
  }

  /* Remove a day: its pages, and the pictures no other saved day uses. */
  function drop(record) {
    return Q.all("days").then(function (days) {
      var others = days.filter(function (d) { return d.key !== record.key; });
      var inUse = {};
      others.forEach(function (d) { d.images.forEach(function (i) { inUse[i.url] = true; }); });
      var pagesName = "pages-" + (record.userId || "anon");
      return caches.open(pagesName).then(function (cache) {
        return Promise.all(record.pages.map(function (url) {
          return cache.delete(new URL(url, location.href).href);
        }));
      }).then(function () {
        return caches.open("media");
      }).then(function (cache) {
        return Promise.all(record.images.filter(function (i) { return !inUse[i.url]; })
          .map(function (i) {
            return cache.delete(i.url).then(function () {
              return Promise.all(i.aliases.map(function (a) { return Q.remove("aliases", a); }));
            });
          }));
      }).then(function () { return Q.remove("days", record.key); });
    });
  }

  /* Saved days of the person signed in: download again those published anew. */
  function refresh(who) {
    return Q.all("days").then(function (days) {
      var chain = Promise.resolve(0);
      days.filter(function (d) { return d.userId === who.userId; }).forEach(function (day) {
        chain = chain.then(function (count) {
          return fetchBundle(day.bundleUrl).then(function (bundle) {
              if (bundle.version === day.version) return count;
              return save(bundle, who, day.bundleUrl).then(function () { return count + 1; });
            }).catch(function () { return count; });
        });
      });
      return chain;
    });
  }

  function message(box, text, kind) {
    box.replaceChildren();
    var p = document.createElement("p");
    p.className = "message" + (kind ? " message-" + kind : "");
    p.textContent = text;
    box.append(p);
  }

  /* On a day page: "save this day", with its size first. */
  function daySection(section) {
    var words = section.dataset;
    var button = section.querySelector("button[data-save]");
    var removeButton = section.querySelector("button[data-remove]");
    var status = section.querySelector("[role=status]");
    var bundle = null, record = null, who = null;
    section.hidden = false;

    function saved(rec) {
      record = rec;
      button.hidden = !!rec;
      removeButton.hidden = !rec;
      if (rec) message(status, fill(words.saved, size(rec.bytes, words)), "success");
    }

    session().then(function (w) {
      who = w;
      return Q.get("days", dayKey(who.userId, section.dataset.page));
    }).then(function (rec) {
      saved(rec || null);
      if (!navigator.onLine) {
        if (!rec) { button.disabled = true; message(status, words.needSignal); }
        return;
      }
      return fetchBundle(section.dataset.bundle).then(function (b) {
        bundle = b;
        if (!rec) {
          button.textContent = fill(words.save, size(b.bytes, words));
        } else if (rec.version !== b.version) {
          message(status, words.updating);
          return save(b, who, section.dataset.bundle).then(saved);
        }
      });
    }).catch(function () {});

    button.addEventListener("click", function () {
      // Tapped before the day's list arrived (slow signal): it is asked for now.
      var ready = bundle ? Promise.resolve(bundle) : fetchBundle(section.dataset.bundle);
      button.disabled = true;
      ready.then(function (b) {
        bundle = b;
        message(status, fill(words.saving, size(bundle.bytes, words)));
        return save(bundle, who, section.dataset.bundle).then(saved).catch(function (error) {
          message(status, full(error) ? words.full : words.failed, "error");
        });
      }, function () {
        message(status, words.needSignal, "error");
      }).then(function () { button.disabled = false; });
    });
    removeButton.addEventListener("click", function () {
      if (!record) return;
      drop(record).then(function () {
        saved(null);
        message(status, words.removed);
        if (bundle) button.textContent = fill(words.save, size(bundle.bytes, words));
      });
    });
  }

  /* On the "saved on this phone" page: the list, each with its size and a remove button. */
  function savedList(section) {
    var words = section.dataset;
    var list = section.querySelector("ul");
    var total = section.querySelector("[data-total]");
    var empty = section.querySelector("[data-empty]");
    section.querySelectorAll("[data-needs-script]").forEach(function (n) { n.hidden = true; });
    function draw() {
      return Promise.all([session(), Q.all("days")]).then(function (both) {
        var who = both[0];
        var mine = both[1].filter(function (d) { return d.userId === who.userId; });
        list.replaceChildren();
        var sum = 0;
        mine.forEach(function (day) {
          sum += day.bytes;
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = day.url;
          a.textContent = day.title;
          var meta = document.createElement("span");
          meta.className = "meta";
          meta.textContent = " " + size(day.bytes, words) + " · " +
            fill(words.lessons, Math.max(0, day.pages.length - 1));
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "secondary";
          remove.textContent = words.remove;
          remove.setAttribute("aria-label", words.remove + ": " + day.title);
          remove.addEventListener("click", function () { drop(day).then(draw); });
          li.append(a, meta, document.createElement("br"), remove);
          list.append(li);
        });
        empty.hidden = mine.length > 0;
        total.hidden = mine.length === 0;
        total.textContent = fill(words.total, size(sum, words));
        return keptPages(who, mine);
      });
    }
    draw();
  }

  /* Pages the server asked to keep (a facilitator's dashboard, roll calls), listed by
     their titles so that she finds them without signal. */
  function keptPages(who, days) {
    var section = document.querySelector("[data-kept-list]");
    if (!section || !who.userId) return;
    var inDays = {};
    days.forEach(function (day) {
      day.pages.forEach(function (url) { inDays[new URL(url, location.href).pathname] = true; });
    });
    return caches.open("pages-" + who.userId).then(function (cache) {
      return cache.keys().then(function (requests) {
        var kept = requests.filter(function (r) { return !inDays[new URL(r.url).pathname]; });
        return Promise.all(kept.map(function (r) {
          return cache.match(r).then(function (response) { return response.text(); })
            .then(function (html) {
              var title = (html.match(/<title>([^<]*)<\/title>/) || [])[1] || r.url;
              var text = document.createElement("textarea");
              text.innerHTML = title;  // the title's entities, as the page shows them
              return { url: new URL(r.url).pathname, title: text.value };
            });
        }));
      });
    }).then(function (pages) {
      var list = section.querySelector("ul");
      list.replaceChildren();
      pages.forEach(function (page) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = page.url;
        a.textContent = page.title;
        li.append(a);
        list.append(li);
      });
      section.hidden = pages.length === 0;
    });
  }

  function start() {
    Q = window.OfflineQueue;
    if (!Q || !window.caches) return;
    if (window.OfflineDays) {
      // Added again by offline.js for the check on a page that already has this script
      // (a day page): only the check, not a second "save" button handler.
      if (script && script.dataset.refresh) session().then(window.OfflineDays.refresh);
      return;
    }
    var day = document.querySelector("[data-offline-day]");
    var listing = document.querySelector("[data-offline-list]");
    if (day) daySection(day);
    if (listing) savedList(listing);
    if (script && script.dataset.refresh) session().then(refresh);
    window.OfflineDays = { save: save, drop: drop, refresh: refresh, fetchBundle: fetchBundle };
  }
  if (window.OfflineQueue) start(); else document.addEventListener("DOMContentLoaded", start);
})();
