/* Tech Camp service worker, version __VERSION__ (changes whenever a file below changes).
   Pages: from the network first; without signal, the person's own saved copy (the days
   she saved, and the pages the server marks X-Keep-Offline), else the "saved on this
   phone" page. Styles and scripts: hashed names, kept for good.
   Pictures: only those of saved days are kept. Queued writes: static/js/offline-queue.js. */
"use strict";
var CONFIG = {{ config|safe }};
importScripts(CONFIG.queueScript);
var VERSION = "__VERSION__";
var SHELL = CONFIG.shell, OFFLINE_PAGES = CONFIG.offlinePages;
var STATIC_URL = CONFIG.staticUrl, MEDIA_URL = CONFIG.mediaUrl;
var STATIC_CACHE = "static-" + VERSION, FALLBACK_CACHE = "fallback-" + VERSION;
{# The camp's list of names on a shared phone, kept by offline.js while nobody is signed #}
{# in: what the phone shows after a girl signs out without signal. #}
var SIGNIN_CACHE = "signin-list";
var NETWORK_WAIT_MS = 8000;  // weak signal: a saved copy after this long
{# The certificate checker: its page (an anonymous copy), and the published keys and #}
{# revocation list it checks against, refreshed whenever there is signal. Without #}
{# signal, a QR code's address (/<lang>/verify/<code>/#...) opens the kept checker, #}
{# which reads the code and the proof from the address itself. #}
var VERIFIER_CACHE = "verifier";
var VERIFY_PAGE = /^\/([a-z]{2})\/verify\/([^/]+)\/$/;
var PUBLISHED_LISTS = ["/.well-known/techcamp-keys.json", "/.well-known/techcamp-status.json"];

function keepOfflinePage(lang) {
  var url = OFFLINE_PAGES[lang];
  return caches.open(FALLBACK_CACHE).then(function (cache) {
    return cache.match(url).then(function (kept) {
      if (kept) return;
      return fetch(url + "?fallback=1", { credentials: "omit" }).then(function (response) {
        if (response.ok) return cache.put(url, response);
      });
    });
  });
}

{# The languages of the pages open now: at install, only their "saved on this phone" #}
{# page is fetched (a Kyrgyz reader's phone never downloads the Russian one); another #}
{# language's is kept the first time a page of it loads. #}
function languagesInUse() {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    var found = windows.map(function (client) {
      return new URL(client.url).pathname.split("/")[1];
    }).filter(function (lang) { return OFFLINE_PAGES[lang]; });
    return found.length ? found.filter(function (lang, i) { return found.indexOf(lang) === i; })
      : Object.keys(OFFLINE_PAGES);
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(Promise.all([
    caches.open(STATIC_CACHE).then(function (cache) { return cache.addAll(SHELL); }),
    languagesInUse().then(function (languages) { return Promise.all(languages.map(keepOfflinePage)); }),
    renewChecker()
  ]).then(function () { return self.skipWaiting(); }));
});

{# An update empties the old static cache: a phone that kept the checker fetches its #}
{# pages again, their scripts and the QR decoder if it had it. #}
function renewChecker() {
  return caches.open(VERIFIER_CACHE).then(function (verifier) {
    return verifier.keys().then(function (requests) {
      return keptDecoder().then(function (decoder) {
        return Promise.all(requests.filter(function (r) { return /\/scan\/$/.test(r.url); }).map(function (request) {
          return fetch(request.url, { credentials: "omit" }).then(function (response) {
            return response.ok && response.clone().text().then(function (html) {
              var files = [], pattern = /<script[^>]*\ssrc="([^"]+)"|data-decoder="([^"]+)"/g, found;
              while ((found = pattern.exec(html))) {
                if (found[1] || decoder) files.push(found[1] || found[2]);
              }
              return caches.open(STATIC_CACHE).then(function (cache) { return cache.addAll(files); })
                .then(function () { return verifier.put(request, response); });
            });
          });
        }));
      });
    });
  }).catch(function () {});
}

function keptDecoder() {
  return caches.keys().then(function (names) {
    return Promise.all(names.map(function (name) {
      return caches.open(name).then(function (cache) { return cache.keys(); });
    }));
  }).then(function (lists) {
    return [].concat.apply([], lists).some(function (r) { return /\/jsqr\//i.test(r.url); });
  });
}

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return (name.indexOf("static-") === 0 && name !== STATIC_CACHE) ||
        (name.indexOf("fallback-") === 0 && name !== FALLBACK_CACHE);
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function pagesCache(session) {
  return "pages-" + ((session && session.userId) || "anon");
}

function clean(response) {
  {# A redirected response may not answer a navigation: keep a plain copy. #}
  if (!response.redirected) return Promise.resolve(response);
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText,
                                headers: response.headers });
  });
}

{# A copy from the phone, not from the server, says so (<meta name="saved-copy">): the #}
{# page then leaves alone who the phone says is there (a name picked without signal is #}
{# not a sign-in). #}
function fromPhone(response) {
  if (!response) return response;
  return response.text().then(function (html) {
    var headers = new Headers(response.headers);
    headers.delete("Content-Length");
    return new Response(html.replace("<head>", '<head><meta name="saved-copy" content="1">'),
                        { status: response.status, statusText: response.statusText,
                          headers: headers });
  });
}

{# Whom the server made a page for (<meta name="user-id">), "" for nobody. #}
function pageOwner(html) {
  var found = /<meta name="user-id" content="(\d+)">/.exec(html);
  return found ? found[1] : "";
}

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
    promise.then(function (value) { clearTimeout(timer); resolve(value); },
                 function (error) { clearTimeout(timer); reject(error); });
  });
}

function navigate(request) {
  var url = new URL(request.url);
  var lang = url.pathname.split("/")[1];
  var key = url.origin + url.pathname;
  {# A sign-out made without signal goes first: no page is fetched under her session. #}
  return OfflineQueue.sendSignOut().catch(function () {}).then(function () {
    return OfflineQueue.session();
  }).then(function (session) {
    return caches.open(pagesCache(session)).then(function (cache) {
      return cache.match(key, { ignoreVary: true, ignoreSearch: true }).then(function (saved) {
        var network = fetch(request);
        if (OFFLINE_PAGES[lang]) network.then(function () { return keepOfflinePage(lang); }).catch(function () {});
        var answer = saved ? withTimeout(network, NETWORK_WAIT_MS) : network;
        return answer.then(function (response) {
          var owner = response.headers.get("X-Keep-Offline");
          var keep = saved || (owner && session && owner === String(session.userId));
          {# A picked name is nobody's session on the server: whatever it answers is #}
          {# not hers to keep. #}
          if (session && session.picked) keep = false;
          if (/no-store/.test(response.headers.get("Cache-Control") || "")) keep = false;
          if (keep && response.ok && !url.search) {
            {# Her saved copy follows what the server shows her now; pages marked by the #}
            {# server (a facilitator's dashboard and roll calls) are kept when opened. #}
            {# Only a page the server made for her: on a shared phone the cookie may #}
            {# already be her sister's while the phone still names her. #}
            clean(response.clone()).then(function (copy) {
              return copy.clone().text().then(function (html) {
                if (pageOwner(html) === String(session.userId)) return cache.put(key, copy);
              });
            });
          }
          return response;
        }).catch(function () {
          if (saved) return fromPhone(saved);
          return caches.match(key, { cacheName: SIGNIN_CACHE, ignoreVary: true, ignoreSearch: true })
            .then(fromPhone);
        }).then(function (response) {
          if (response) return response;
          return caches.match(OFFLINE_PAGES[lang] || OFFLINE_PAGES[Object.keys(OFFLINE_PAGES)[0]],
                              { cacheName: FALLBACK_CACHE, ignoreVary: true }).then(function (page) {
            return page || new Response("Offline", { status: 503,
              headers: { "Content-Type": "text/plain; charset=utf-8" } });
          });
        });
      });
    });
  });
}

function checkerUrl(lang) {
  return self.location.origin + "/" + lang + "/verify/scan/";
}

function keepChecker(lang) {
  {# Fetched without cookies: the kept copy shows nobody's name on a shared phone. #}
  return fetch(checkerUrl(lang), { credentials: "omit" }).then(function (response) {
    if (!response.ok) return;
    return caches.open(VERIFIER_CACHE).then(function (cache) { return cache.put(checkerUrl(lang), response); });
  }).catch(function () {});
}

function verifierPage(request, lang, isChecker) {
  return fetch(request).then(function (response) {
    if (isChecker && response.ok) keepChecker(lang);
    return response;
  }).catch(function () {
    return caches.match(checkerUrl(lang), { cacheName: VERIFIER_CACHE, ignoreVary: true }).then(function (kept) {
      return kept || navigate(request);
    });
  });
}

function publishedList(request) {
  var key = new URL(request.url).pathname;
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(VERIFIER_CACHE).then(function (cache) { cache.put(key, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(key, { cacheName: VERIFIER_CACHE, ignoreVary: true }).then(function (kept) {
      return kept || new Response("", { status: 504 });
    });
  });
}

function staticFile(request) {
  return caches.match(request, { ignoreVary: true }).then(function (hit) {
    if (hit) return hit;
    return fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(STATIC_CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

function picture(request) {
  return caches.match(request, { ignoreVary: true, ignoreSearch: true }).then(function (hit) {
    if (hit) return hit;
    return fetch(request).catch(function () {
      {# Offline, the phone may ask for a bigger size of a saved picture: give the saved one. #}
      return OfflineQueue.alias(request.url).then(function (saved) {
        return saved ? caches.match(saved, { ignoreVary: true }) : undefined;
      }).then(function (hit) {
        return hit || new Response("", { status: 504 });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === "/sw.js" || url.pathname.indexOf("/admin/") === 0) return;
  {# Pages that must leave no copy on a shared phone (the girls' help page): the worker #}
  {# does not touch them at all. #}
  if (CONFIG.neverKept.some(function (path) { return url.pathname.indexOf(path) === 0; })) return;
  var verifyPage = VERIFY_PAGE.exec(url.pathname);
  if (PUBLISHED_LISTS.indexOf(url.pathname) >= 0) {
    event.respondWith(publishedList(request));
  } else if (request.mode === "navigate" && verifyPage && OFFLINE_PAGES[verifyPage[1]]) {
    event.respondWith(verifierPage(request, verifyPage[1], verifyPage[2] === "scan"));
  } else if (url.pathname.indexOf(STATIC_URL) === 0) {
    event.respondWith(staticFile(request));
  } else if (url.pathname.indexOf(MEDIA_URL) === 0) {
    event.respondWith(picture(request));
  } else if (request.mode === "navigate" && OFFLINE_PAGES[url.pathname.split("/")[1]]) {
    event.respondWith(navigate(request));
  }
});

{# Background Sync: the queue is sent even when no page of the site is open. #}
self.addEventListener("sync", function (event) {
  if (event.tag === OfflineQueue.SYNC_TAG) {
    event.waitUntil(OfflineQueue.flush().then(function (summary) {
      return self.clients.matchAll().then(function (clients) {
        clients.forEach(function (client) { client.postMessage({ queue: summary }); });
      });
    }));
  }
});
