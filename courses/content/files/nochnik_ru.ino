// Ночник: когда темнеет, светодиод загорается сам.
// Схема: 5V -> фоторезистор -> A0 -> резистор 10 кОм -> GND
//        пин 9 -> резистор 220 Ом -> длинная ножка светодиода; короткая ножка -> GND

const int SENSOR_PIN = A0;   // датчик света на этом пине
const int LED_PIN = 9;       // светодиод на этом пине
const int DARK_LEVEL = 400;  // меньше этого - темно (подберите для своей комнаты)

void setup() {
  pinMode(LED_PIN, OUTPUT);
  Serial.begin(9600);        // числа будем смотреть в окне Serial Monitor
}

void loop() {
  int light = analogRead(SENSOR_PIN);  // 0 (темно) ... 1023 (светло)
  Serial.println(light);

  if (light < DARK_LEVEL) {
    digitalWrite(LED_PIN, HIGH);  // темно: ночник горит
  } else {
    digitalWrite(LED_PIN, LOW);   // светло: ночник гаснет
  }
  delay(200);
}
