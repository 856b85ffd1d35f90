// Unit tests of the shared phone's parts of static/js/offline-queue.js that need no
// browser: which names the phone remembers, what waits for a PIN and for her answer
// ("was it you?"), what is handed over.
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
  for (let i = 0; i < 60; i++)
    people = Q.rememberIn(people, { userId: String(i), userName: "G" + i });
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

test("made under a picked name, a write waits for her answer even once she signs in", () => {
  const picked = { userId: "4", unconfirmed: true };
  assert.equal(Q.verdict(picked, { userId: "4", picked: true }), "picked");
  assert.equal(Q.verdict(picked, { userId: "4" }), "confirm");
  assert.equal(Q.verdict(picked, { userId: "3" }), "other"); // never her sister's
  assert.equal(Q.verdict({ ...picked, disowned: true }, { userId: "4" }), "disowned");
  assert.equal(Q.verdict({ ...picked, disowned: true }, { userId: "3" }), "other");
});

function queue() {
  return [
    { seq: 1, userId: "4", unconfirmed: true, fields: { client_id: "a" }, state: "waiting" },
    { seq: 2, userId: "4", fields: { client_id: "b" }, state: "waiting" },
    { seq: 3, userId: "3", unconfirmed: true, fields: { client_id: "c" }, state: "waiting" },
    { seq: 4, userId: "4", unconfirmed: true, fields: { client_id: "d" }, state: "refused" },
    {
      seq: 5,
      userId: "4",
      unconfirmed: true,
      disowned: true,
      fields: { client_id: "e" },
      state: "waiting",
    },
  ];
}

test("she is asked only about her own unconfirmed writes still waiting for an answer", () => {
  assert.deepEqual(
    Q.toConfirm(queue(), "4").map((i) => i.seq),
    [1],
  );
  assert.deepEqual(
    Q.toConfirm(queue(), "3").map((i) => i.seq),
    [3],
  );
  assert.deepEqual(Q.toConfirm(queue(), "9"), []);
});

test("'yes, it was me' makes them hers to send; her sister's stay unconfirmed", () => {
  const items = queue();
  const changed = Q.answered(items, "4", true);
  assert.deepEqual(
    changed.map((i) => i.seq),
    [1],
  );
  const me = { userId: "4" };
  assert.deepEqual(
    items.map((i) => Q.verdict(i, me)),
    ["send", "send", "other", "confirm", "disowned"],
  );
  assert.equal(Q.verdict(items[2], { userId: "3" }), "confirm");
});

test("'no, it was not me' never sends them, and they go to the facilitator's hand-over", () => {
  const items = queue();
  Q.answered(items, "4", false);
  assert.deepEqual(
    items.map((i) => Q.verdict(i, { userId: "4" })),
    ["disowned", "send", "other", "confirm", "disowned"],
  );
  assert.deepEqual(
    Q.handOverList(items).map((i) => i.client_id),
    ["a", "c", "e"],
  );
});

test("a hand-over carries only unconfirmed writes, and of them only what the camp page shows", () => {
  const items = [
    {
      userId: "4",
      unconfirmed: true,
      url: "https://camp.example/ky/learn/lessons/k/questions/1/",
      fields: { client_id: "c1", answer: "2", csrfmiddlewaretoken: "t" },
      label: "Сабак",
      createdAt: "2026-12-03T09:15:00.000Z",
      state: "waiting",
    },
    { userId: "4", unconfirmed: true, url: "u", fields: { client_id: "c2" }, state: "refused" },
    { userId: "3", url: "u", fields: { client_id: "c3" }, state: "waiting" },
  ];
  assert.deepEqual(plain(Q.handOverList(items)), [
    {
      client_id: "c1",
      user_id: "4",
      url: "https://camp.example/ky/learn/lessons/k/questions/1/",
      fields: { answer: "2" },
      label: "Сабак",
      created_at: "2026-12-03T09:15:00.000Z",
    },
  ]);
});
