// Unit tests of the shared phone's parts of static/js/offline-queue.js that need no
// browser: which names the phone remembers, what waits for a PIN, what is handed over.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const source = readFileSync(new URL("../../static/js/offline-queue.js", import.meta.url), "utf8");
const self = { location: { href: "https://camp.example/ky/" } };
vm.runInNewContext(source, { self, Uint8Array });
const Q = self.OfflineQueue;
const plain = (value) => JSON.parse(JSON.stringify(value));

test("the phone remembers each girl once, the latest first, and nothing but her name", () => {
  let people = [];
  people = Q.rememberIn(people, { userId: "3", userName: "Айгүл К.", lang: "ky", csrf: "x" });
  people = Q.rememberIn(people, { userId: "4", userName: "Нурзат Ө.", lang: "ky" });
  people = Q.rememberIn(people, { userId: "3", userName: "Айгүл К.", lang: "ru" });
  assert.deepEqual(plain(people), [
    { userId: "3", userName: "Айгүл К.", lang: "ru" },
    { userId: "4", userName: "Нурзат Ө.", lang: "ky" },
  ]);
});

test("a phone remembers at most a camp's worth of names", () => {
  let people = [];
  for (let i = 0; i < 60; i++) people = Q.rememberIn(people, { userId: String(i), userName: "G" + i });
  assert.equal(people.length, 40);
  assert.equal(people[0].userId, "59");
});

test("a picked name sends nothing; the girl signed in sends hers; another's wait", () => {
  const hers = { userId: "4" };
  assert.equal(Q.verdict(hers, { userId: "4", picked: true }), "picked");
  assert.equal(Q.verdict(hers, { userId: "4" }), "send");
  assert.equal(Q.verdict(hers, { userId: "3" }), "other");
  assert.equal(Q.verdict(hers, { userId: "" }), "other");
  assert.equal(Q.verdict({ userId: "" }, { userId: "" }), "other");
});

test("a hand-over carries only unconfirmed writes, and of them only what the camp page shows", () => {
  const items = [
    { userId: "4", unconfirmed: true, url: "https://camp.example/ky/learn/lessons/k/questions/1/",
      fields: { client_id: "c1", answer: "2", csrfmiddlewaretoken: "t" }, label: "Сабак",
      createdAt: "2026-12-03T09:15:00.000Z", state: "waiting" },
    { userId: "4", unconfirmed: true, url: "u", fields: { client_id: "c2" }, state: "refused" },
    { userId: "3", url: "u", fields: { client_id: "c3" }, state: "waiting" },
  ];
  assert.deepEqual(plain(Q.handOverList(items)), [{
    client_id: "c1", user_id: "4", url: "https://camp.example/ky/learn/lessons/k/questions/1/",
    fields: { answer: "2" }, label: "Сабак", created_at: "2026-12-03T09:15:00.000Z",
  }]);
});
