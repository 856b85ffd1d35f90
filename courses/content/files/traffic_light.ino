// Светофор: үч светодиод 12 (кызыл), 11 (сары) жана 10 (жашыл) пиндерде.
// Светофор: три светодиода на пинах 12 (красный), 11 (жёлтый) и 10 (зелёный).
// Ар бир светодиод 220 Ом резистор аркылуу GND'ге туташат.
// Каждый светодиод подключён к GND через резистор 220 Ом.

const int RED_PIN = 12;
const int YELLOW_PIN = 11;
const int GREEN_PIN = 10;

void setup() {
  pinMode(RED_PIN, OUTPUT);
  pinMode(YELLOW_PIN, OUTPUT);
  pinMode(GREEN_PIN, OUTPUT);
}

// Бардык светодиоддорду өчүрүү / Выключить все светодиоды
void allOff() {
  digitalWrite(RED_PIN, LOW);
  digitalWrite(YELLOW_PIN, LOW);
  digitalWrite(GREEN_PIN, LOW);
}

void loop() {
  // Кызыл: токто / Красный: стой
  allOff();
  digitalWrite(RED_PIN, HIGH);
  delay(5000);

  // Кызыл + сары: даярдан / Красный + жёлтый: приготовься
  digitalWrite(YELLOW_PIN, HIGH);
  delay(1000);

  // Жашыл: жүр / Зелёный: иди
  allOff();
  digitalWrite(GREEN_PIN, HIGH);
  delay(5000);

  // Жашыл үч жолу жымыңдайт / Зелёный мигает три раза
  for (int i = 0; i < 3; i++) {
    digitalWrite(GREEN_PIN, LOW);
    delay(500);
    digitalWrite(GREEN_PIN, HIGH);
    delay(500);
  }

  // Сары / Жёлтый
  allOff();
  digitalWrite(YELLOW_PIN, HIGH);
  delay(2000);
}
