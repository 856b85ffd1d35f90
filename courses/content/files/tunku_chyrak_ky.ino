// Түнкү чырак: караңгы киргенде светодиод өзү күйөт.
// Схема: 5V -> фоторезистор -> A0 -> 10 кОм резистор -> GND
//        9-пин -> 220 Ом резистор -> светодиоддун узун буту; кыска буту -> GND

const int SENSOR_PIN = A0;   // жарык датчиги ушул пинде
const int LED_PIN = 9;       // светодиод ушул пинде
const int DARK_LEVEL = 400;  // мындан аз болсо - караңгы (өз бөлмөңөргө тууралагыла)

void setup() {
  pinMode(LED_PIN, OUTPUT);
  Serial.begin(9600);        // сандарды Serial Monitor терезесинде көрөбүз
}

void loop() {
  int light = analogRead(SENSOR_PIN);  // 0 (караңгы) ... 1023 (жарык)
  Serial.println(light);

  if (light < DARK_LEVEL) {
    digitalWrite(LED_PIN, HIGH);  // караңгы: чырак күйөт
  } else {
    digitalWrite(LED_PIN, LOW);   // жарык: чырак өчөт
  }
  delay(200);
}
