// Светофор: кызыл — 12, сары — 11, жашыл — 10-пин
const int RED_PIN = 12;
const int YELLOW_PIN = 11;
const int GREEN_PIN = 10;

void setup() {
  pinMode(RED_PIN, OUTPUT);
  pinMode(YELLOW_PIN, OUTPUT);
  pinMode(GREEN_PIN, OUTPUT);
}

// Бардык светодиоддорду өчүрөт
void allOff() {
  digitalWrite(RED_PIN, LOW);
  digitalWrite(YELLOW_PIN, LOW);
  digitalWrite(GREEN_PIN, LOW);
}

void loop() {
  allOff();
  digitalWrite(RED_PIN, HIGH);     // кызыл: токто
  delay(5000);

  digitalWrite(YELLOW_PIN, HIGH);  // кызыл + сары: даярдан
  delay(1000);

  allOff();
  digitalWrite(GREEN_PIN, HIGH);   // жашыл: жүр
  delay(5000);

  for (int i = 0; i < 3; i++) {    // жашыл үч жолу жымыңдайт
    digitalWrite(GREEN_PIN, LOW);
    delay(500);
    digitalWrite(GREEN_PIN, HIGH);
    delay(500);
  }

  allOff();
  digitalWrite(YELLOW_PIN, HIGH);  // сары
  delay(2000);
}
