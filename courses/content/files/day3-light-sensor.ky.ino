// Түнкү чырак: караңгы болгондо светодиод күйөт.
// Фоторезистор 5V менен A0 ортосунда, 10 кОм резистор A0 менен GND ортосунда.
const int SENSOR_PIN = A0;
const int LED_PIN = 13;
const int THRESHOLD = 300;  // ушул сандан аз болсо — караңгы

void setup() {
  pinMode(LED_PIN, OUTPUT);
  Serial.begin(9600);        // сандарды компьютерге жиберебиз
}

void loop() {
  int light = analogRead(SENSOR_PIN);  // 0 (караңгы) ... 1023 (жарык)
  Serial.println(light);
  if (light < THRESHOLD) {
    digitalWrite(LED_PIN, HIGH);
  } else {
    digitalWrite(LED_PIN, LOW);
  }
  delay(100);
}
