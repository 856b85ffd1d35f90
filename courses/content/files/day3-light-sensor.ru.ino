// Ночник: когда темно, светодиод загорается.
// Фоторезистор между 5V и A0, резистор 10 кОм между A0 и GND.
const int SENSOR_PIN = A0;
const int LED_PIN = 13;
const int THRESHOLD = 300;  // меньше этого числа — темно

void setup() {
  pinMode(LED_PIN, OUTPUT);
  Serial.begin(9600);        // отправляем числа на компьютер
}

void loop() {
  int light = analogRead(SENSOR_PIN);  // 0 (темно) ... 1023 (светло)
  Serial.println(light);
  if (light < THRESHOLD) {
    digitalWrite(LED_PIN, HIGH);
  } else {
    digitalWrite(LED_PIN, LOW);
  }
  delay(100);
}
