/* The certificate checker on the phone (/<lang>/verify/scan/) and the paper's check on
   the verification page (/<lang>/verify/<code>/#<proof>). The proof after "#" never
   reaches the server: it is read here, checked by cert-check.js against the published
   keys, and the code looked up in the published revocation list. Both lists come
   through the service worker, which keeps its last copy for when there is no signal;
   "as of" is the day the server sent that copy. On the checker, a QR code comes from
   the camera or a chosen photo, read by the browser's BarcodeDetector or else by jsQR
   (static-vendor/, loaded by this page only when needed). */
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
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return values[name];
    });
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
    fetchJson(root.getAttribute("data-keys")).catch(function () {
      return null;
    }),
    fetchJson(root.getAttribute("data-status")).catch(function () {
      return null;
    }),
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

  function code(c) {
    return c.slice(0, 5) + "-" + c.slice(5, 10) + "-" + c.slice(10);
  }

  // A household's GALS certificate: the girls as its paper names them.
  function familyRows(f) {
    return [
      [T.labels.first_name, fill(T.family, { girls: f.girls })],
      [T.labels.programme, T.family_programme],
      [T.labels.village, f.village],
      [T.labels.dates, date(f.first_day) + " – " + date(f.last_day)],
      [T.labels.sessions_attended, String(f.sessions_attended)],
      [T.labels.code, code(f.code)],
      [T.labels.language, T.languages[f.language] || f.language],
    ];
  }

  function facts(f, kind) {
    var list = element("dl", "facts");
    var rows =
      kind === "family"
        ? familyRows(f)
        : [
            [T.labels.first_name, f.first_name + (f.initial ? " " + f.initial + "." : "")],
            [T.labels.camp, f.camp],
            [T.labels.village, f.village],
            [T.labels.dates, date(f.first_day) + " – " + date(f.last_day)],
            [T.labels.days_attended, String(f.days_attended)],
            [
              T.labels.tracks,
              f.tracks
                .map(function (t) {
                  return T.tracks[t] || t;
                })
                .join(", "),
            ],
            [T.labels.code, code(f.code)],
            [T.labels.version, String(f.version)],
            [T.labels.language, T.languages[f.language] || f.language],
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
    [
      ["first_name", "first_name"],
      ["initial", "first_name"],
      ["camp", "camp"],
      ["village", "village"],
      ["first_day", "dates"],
      ["last_day", "dates"],
      ["days_attended", "days_attended"],
      ["tracks", "tracks"],
      ["version", "version"],
      ["language", "language"],
      ["girls", "first_name"],
      ["sessions_attended", "sessions_attended"],
    ].forEach(function (pair) {
      if (!(pair[0] in today)) return;
      if (
        JSON.stringify(today[pair[0]]) !== JSON.stringify(f[pair[0]]) &&
        names.indexOf(T.labels[pair[1]]) < 0
      )
        names.push(T.labels[pair[1]]);
    });
    return names;
  }

  function show(outcome, keys, status) {
    var f = outcome.facts;
    if (outcome.outcome === "not_a_certificate") return say("message-error", T.not_a_certificate);
    if (outcome.outcome === "unknown_key")
      return say("message-error", fill(T.unknown_key, { key: outcome.keyId }));
    if (outcome.outcome === "tampered") return say("message-error", T.tampered);
    if (outcome.outcome === "cannot_check") return say("message-error", T.cannot_check);
    var valid = fill(scanPage ? T.valid : T.valid_paper, {
      programme: T.programme,
      key: outcome.keyId,
    });
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
    result.appendChild(facts(f, outcome.kind));
    if (today) {
      var names = differences(f);
      result.appendChild(
        element(
          "p",
          "message message-info",
          names.length ? fill(T.differs, { fields: names.join(", ") }) : T.same,
        ),
      );
    }
  }

  function checkLink(link) {
    return lists
      .then(function (found) {
        var keys = found[0],
          status = found[1];
        if (!link) return say("message-error", T.not_a_certificate);
        if (!link.proof) {
          if (navigator.onLine === false || !keys) return say("message-info", T.code_only);
          location.href =
            "/" + lang + "/verify/" + encodeURIComponent(link.code.replace(/[\s-]/g, "")) + "/";
          return;
        }
        return self.CertCheck.check(
          link.code,
          link.proof,
          keys && keys.body,
          status && status.body,
        ).then(function (outcome) {
          if (!keys && outcome.outcome === "unknown_key") outcome = { outcome: "cannot_check" };
          show(outcome, keys, status);
        });
      })
      .catch(function () {
        say("message-error", T.not_a_certificate);
      });
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

  function found(text) {
    form.elements.link.value = text;
    checkLink(self.CertCheck.parseLink(text));
  }

  /* Reading a QR code from a picture: the browser's BarcodeDetector where it has one,
     else jsQR (from the npm registry, served by us), loaded only on this page and only
     then. It is fetched as soon as the page opens, so that the service worker keeps it
     for a day without signal. */
  var detector = null;
  if ("BarcodeDetector" in self) {
    try {
      detector = new self.BarcodeDetector({ formats: ["qr_code"] });
    } catch (error) {
      detector = null;
    }
  }
  var decoder = detector
    ? null
    : new Promise(function (resolve, reject) {
        var url = root.getAttribute("data-decoder");
        if (!url) return reject(new Error("no decoder"));
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () {
          if (typeof self.jsQR === "function") resolve(self.jsQR);
          else reject(new Error("no decoder"));
        };
        script.onerror = function () {
          reject(new Error("no decoder"));
        };
        document.head.appendChild(script);
      });
  if (decoder) decoder.catch(function () {});
  var canvas = document.createElement("canvas");

  // The text of the first QR code in a picture (an image, a video frame) drawn at
  // width x height, or null.
  function read(source, width, height) {
    if (detector) {
      return detector.detect(source).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    }
    return decoder.then(function (jsQR) {
      canvas.width = width;
      canvas.height = height;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(source, 0, 0, width, height);
      var code = jsQR(context.getImageData(0, 0, width, height).data, width, height, {
        inversionAttempts: "dontInvert",
      });
      return code ? code.data : null;
    });
  }

  // A photo is read small first (quick on a cheap phone, enough for a close-up), then
  // larger when the code is a small part of it (a whole page).
  function readPhoto(image) {
    var sides = [1200, 2400],
      longest = Math.max(image.width, image.height);
    function attempt(index) {
      var scale = Math.min(1, sides[index] / longest);
      return read(image, Math.round(image.width * scale), Math.round(image.height * scale)).then(
        function (text) {
          if (text || scale === 1 || index + 1 === sides.length) return text;
          return attempt(index + 1);
        },
      );
    }
    return attempt(0);
  }

  // The chosen file as a picture, without an address for it (the page's security
  // policy allows pictures from data: addresses, not blob: ones).
  function picture(file) {
    if (self.createImageBitmap) return self.createImageBitmap(file);
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        var image = new Image();
        image.onload = function () {
          resolve(image);
        };
        image.onerror = reject;
        image.src = reader.result;
      };
      reader.onerror = reject;
      reader.readAsDataURL(file);
    });
  }

  var photoBox = root.querySelector("[data-photo]");
  var photo = photoBox.querySelector("input");
  photoBox.hidden = false;
  photo.addEventListener("change", function () {
    var file = photo.files && photo.files[0];
    if (!file) return;
    say("message-info", T.photo_reading);
    picture(file)
      .then(readPhoto)
      .then(function (text) {
        if (text) found(text);
        else say("message-error", T.photo_none);
      })
      .catch(function () {
        say("message-error", T.photo_none);
      });
    photo.value = ""; // the same photo chosen again is read again
  });

  var button = root.querySelector("[data-camera]");
  var video = root.querySelector("[data-video]");
  var stream = null,
    timer = null,
    busy = false;
  button.hidden = false;
  function stop() {
    if (timer) clearInterval(timer);
    if (stream)
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    stream = null;
    timer = null;
    busy = false;
    video.hidden = true;
    button.textContent = T.camera_start;
  }
  function frame() {
    if (busy || !stream || !video.videoWidth) return;
    busy = true;
    var scale = Math.min(1, 640 / Math.max(video.videoWidth, video.videoHeight));
    read(video, Math.round(video.videoWidth * scale), Math.round(video.videoHeight * scale))
      .then(function (text) {
        busy = false;
        if (!text || !stream) return;
        stop();
        found(text);
      })
      .catch(function () {
        busy = false;
      });
  }
  button.addEventListener("click", function () {
    if (stream) return stop();
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      return say("message-info", T.camera_none);
    }
    (detector ? Promise.resolve() : decoder).then(
      function () {
        return navigator.mediaDevices
          .getUserMedia({ video: { facingMode: "environment" } })
          .then(function (media) {
            stream = media;
            video.srcObject = media;
            video.hidden = false;
            button.textContent = T.camera_stop;
            return video.play();
          })
          .then(function () {
            timer = setInterval(frame, 300);
          })
          .catch(function () {
            stop();
            say("message-error", T.camera_failed);
          });
      },
      function () {
        say("message-info", T.camera_none);
      },
    );
  });
})();
