// 13-пинге туташкан светодиод (LED) жымыңдайт
const int LED_PIN = 13;

void setup() {                  // даярдоо бөлүгү: бир жолу
  pinMode(LED_PIN, OUTPUT);     // 13-пин — чыгуу
}

void loop() {                   // кайталоо бөлүгү: түбөлүк
  digitalWrite(LED_PIN, HIGH);  // күйгүз
  delay(1000);                  // 1 секунд күт
  digitalWrite(LED_PIN, LOW);   // өчүр
  delay(1000);                  // 1 секунд күт
}
