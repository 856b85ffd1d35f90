// Светодиод (LED) на пине 13 мигает
const int LED_PIN = 13;

void setup() {                  // часть настройки: один раз
  pinMode(LED_PIN, OUTPUT);     // пин 13 — выход
}

void loop() {                   // часть повторения: бесконечно
  digitalWrite(LED_PIN, HIGH);  // включить
  delay(1000);                  // ждать 1 секунду
  digitalWrite(LED_PIN, LOW);   // выключить
  delay(1000);                  // ждать 1 секунду
}
