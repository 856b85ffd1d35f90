// Баскыч: баскычты басканда 13-пиндеги светодиод күйөт.
// Кнопка: пока кнопка нажата, светодиод на пине 13 горит.
// Баскыч 2-пин менен GND ортосунда / Кнопка между пином 2 и GND.

const int BUTTON_PIN = 2;
const int LED_PIN = 13;

void setup() {
  pinMode(BUTTON_PIN, INPUT_PULLUP);  // ички резистор / встроенный резистор
  pinMode(LED_PIN, OUTPUT);
}

void loop() {
  if (digitalRead(BUTTON_PIN) == LOW) {  // басылды / нажата
    digitalWrite(LED_PIN, HIGH);
  } else {
    digitalWrite(LED_PIN, LOW);
  }
}
