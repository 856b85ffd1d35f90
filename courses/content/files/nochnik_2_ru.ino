// Улучшенный ночник: загорается плавно и не мигает.
// Светодиод должен быть на пине с PWM (на плате значок ~): 3, 5, 6, 9, 10, 11.

const int SENSOR_PIN = A0;
const int LED_PIN = 9;
const int DARK_ON = 350;    // меньше этого - включаем
const int LIGHT_OFF = 450;  // больше этого - выключаем

bool isOn = false;
int brightness = 0;         // 0 ... 255

void setup() {
  pinMode(LED_PIN, OUTPUT);
  Serial.begin(9600);
}

void loop() {
  // читаем 10 раз и берём среднее - случайные скачки меньше
  long sum = 0;
  for (int i = 0; i < 10; i++) {
    sum += analogRead(SENSOR_PIN);
    delay(5);
  }
  int light = sum / 10;
  Serial.println(light);

  // два порога: включаем и выключаем при разных числах - поэтому не мигает
  if (!isOn && light < DARK_ON) {
    isOn = true;
  }
  if (isOn && light > LIGHT_OFF) {
    isOn = false;
  }

  // меняем яркость понемногу
  int target = isOn ? 255 : 0;
  if (brightness < target) {
    brightness += 5;
  }
  if (brightness > target) {
    brightness -= 5;
  }
  analogWrite(LED_PIN, brightness);
  delay(20);
}
