/* The certificate checker on the phone (/<lang>/verify/scan/) and the paper's check on
   the verification page (/<lang>/verify/<code>/#<proof>). The proof after "#" never
   reaches the server: it is read here, checked by cert-check.js against the published
   keys, and the code looked up in the published revocation list. Both lists come
   through the service worker, which keeps its last copy for when there is no signal;
   "as of" is the day the server sent that copy. */
(function () {
  "use strict";
  var root = document.getElementById("paper-check");
  var textsNode = document.getElementById("checker-texts");
  if (!root || !textsNode || !self.CertCheck) return;
  var T = JSON.parse(textsNode.textContent);
  var todayNode = document.getElementById("today-facts");
  var today = todayNode ? JSON.parse(todayNode.textContent) : null;
  var lang = document.documentElement.lang || "ky";
  var result = root.querySelector("[data-result]");
  var scanPage = root.hasAttribute("data-scan");

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }

  // Day.month.year, as both languages write dates on paper (the browsers' Kyrgyz
  // month names are not there yet everywhere).
  function date(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return parts ? parts[3] + "." + parts[2] + "." + parts[1] : "";
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "omit", cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      var stamp = response.headers.get("Date");
      return response.json().then(function (body) {
        return { body: body, day: stamp ? new Date(stamp).toISOString().slice(0, 10) : null };
      });
    });
  }

  var lists = Promise.all([
    fetchJson(root.getAttribute("data-keys")).catch(function () { return null; }),
    fetchJson(root.getAttribute("data-status")).catch(function () { return null; })
  ]);

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function say(className, text) {
    result.textContent = "";
    var p = element("p", "message " + className);
    p.appendChild(element("strong", "", text));
    result.appendChild(p);
    return p;
  }

  function facts(f) {
    var list = element("dl", "facts");
    var rows = [
      [T.labels.first_name, f.first_name + (f.initial ? " " + f.initial + "." : "")],
      [T.labels.camp, f.camp],
      [T.labels.village, f.village],
      [T.labels.dates, date(f.first_day) + " – " + date(f.last_day)],
      [T.labels.days_attended, String(f.days_attended)],
      [T.labels.tracks, f.tracks.map(function (t) { return T.tracks[t] || t; }).join(", ")],
      [T.labels.code, f.code.slice(0, 5) + "-" + f.code.slice(5, 10) + "-" + f.code.slice(10)],
      [T.labels.version, String(f.version)],
      [T.labels.language, T.languages[f.language] || f.language]
    ];
    rows.forEach(function (row) {
      if (!row[1]) return;
      list.appendChild(element("dt", "", row[0]));
      list.appendChild(element("dd", "", row[1]));
    });
    return list;
  }

  function differences(f) {
    var names = [];
    [["first_name", "first_name"], ["initial", "first_name"], ["camp", "camp"],
     ["village", "village"], ["first_day", "dates"], ["last_day", "dates"],
     ["days_attended", "days_attended"], ["tracks", "tracks"], ["version", "version"],
     ["language", "language"]].forEach(function (pair) {
      if (!(pair[0] in today)) return;
      if (JSON.stringify(today[pair[0]]) !== JSON.stringify(f[pair[0]]) &&
          names.indexOf(T.labels[pair[1]]) < 0) names.push(T.labels[pair[1]]);
    });
    return names;
  }

  function show(outcome, keys, status) {
    var f = outcome.facts;
    if (outcome.outcome === "not_a_certificate") return say("message-error", T.not_a_certificate);
    if (outcome.outcome === "unknown_key") return say("message-error", fill(T.unknown_key, { key: outcome.keyId }));
    if (outcome.outcome === "tampered") return say("message-error", T.tampered);
    if (outcome.outcome === "cannot_check") return say("message-error", T.cannot_check);
    var valid = fill(scanPage ? T.valid : T.valid_paper, { programme: T.programme, key: outcome.keyId });
    var box = say(outcome.outcome === "revoked" ? "message-error" : "message-success", valid);
    box.setAttribute("data-outcome", outcome.outcome);
    if (outcome.outcome === "revoked") {
      box.appendChild(element("br"));
      box.appendChild(element("strong", "", fill(T.revoked, { date: date(outcome.revokedOn) })));
    } else if (status) {
      box.appendChild(element("br"));
      box.appendChild(document.createTextNode(fill(T.not_revoked, { date: date(status.day) })));
    } else {
      box.appendChild(element("br"));
      box.appendChild(document.createTextNode(T.never_synced));
    }
    result.appendChild(facts(f));
    if (today) {
      var names = differences(f);
      result.appendChild(element("p", "message message-info",
        names.length ? fill(T.differs, { fields: names.join(", ") }) : T.same));
    }
  }

  function checkLink(link) {
    return lists.then(function (found) {
      var keys = found[0], status = found[1];
      if (!link) return say("message-error", T.not_a_certificate);
      if (!link.proof) {
        if (navigator.onLine === false || !keys) return say("message-info", T.code_only);
        location.href = "/" + lang + "/verify/" + encodeURIComponent(link.code.replace(/[\s-]/g, "")) + "/";
        return;
      }
      return self.CertCheck.check(link.code, link.proof, keys && keys.body,
                                  status && status.body).then(function (outcome) {
        if (!keys && outcome.outcome === "unknown_key") outcome = { outcome: "cannot_check" };
        show(outcome, keys, status);
      });
    }).catch(function () { say("message-error", T.not_a_certificate); });
  }

  // The address itself: the verification page opened by a QR code, or this page when
  // the service worker answered a QR code's address without signal.
  function fromAddress() {
    var here = /\/verify\/([0-9A-Za-z-]+)\/?$/.exec(location.pathname);
    var code = here && here[1] !== "scan" ? here[1] : null;
    if (location.hash.length > 1) {
      if (code) checkLink({ code: code, proof: location.hash.slice(1) });
      else if (scanPage) checkLink(self.CertCheck.parseLink(location.href));
    } else if (scanPage && code) say("message-info", T.code_only);
  }
  fromAddress();
  window.addEventListener("hashchange", fromAddress);
  if (!scanPage) return;

  var form = root.querySelector("[data-typed]");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    checkLink(self.CertCheck.parseLink(form.elements.link.value));
  });

  var button = root.querySelector("[data-camera]");
  var video = root.querySelector("[data-video]");
  var stream = null, timer = null;
  button.hidden = false;
  function stop() {
    if (timer) clearInterval(timer);
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null; timer = null;
    video.hidden = true;
    button.textContent = T.camera_start;
  }
  button.addEventListener("click", function () {
    if (stream) return stop();
    if (!("BarcodeDetector" in self) || !navigator.mediaDevices) return say("message-info", T.camera_none);
    var detector;
    try { detector = new self.BarcodeDetector({ formats: ["qr_code"] }); }
    catch (error) { return say("message-info", T.camera_none); }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (media) {
      stream = media;
      video.srcObject = media;
      video.hidden = false;
      button.textContent = T.camera_stop;
      return video.play();
    }).then(function () {
      timer = setInterval(function () {
        detector.detect(video).then(function (codes) {
          if (!codes.length) return;
          stop();
          form.elements.link.value = codes[0].rawValue;
          checkLink(self.CertCheck.parseLink(codes[0].rawValue));
        }).catch(function () {});
      }, 300);
    }).catch(function () { stop(); say("message-error", T.camera_failed); });
  });
})();
