// Түнкү чырактын жакшыртылган нускасы: акырын жанат, жымылдабайт.
// Светодиод PWM пинде болушу керек (тактада ~ белгиси бар): 3, 5, 6, 9, 10, 11.

const int SENSOR_PIN = A0;
const int LED_PIN = 9;
const int DARK_ON = 350;    // мындан аз болсо - күйгүзөбүз
const int LIGHT_OFF = 450;  // мындан көп болсо - өчүрөбүз

bool isOn = false;
int brightness = 0;         // 0 ... 255

void setup() {
  pinMode(LED_PIN, OUTPUT);
  Serial.begin(9600);
}

void loop() {
  // 10 жолу окуп, орточосун алабыз - кокустук секирик азаят
  long sum = 0;
  for (int i = 0; i < 10; i++) {
    sum += analogRead(SENSOR_PIN);
    delay(5);
  }
  int light = sum / 10;
  Serial.println(light);

  // эки босого: күйгүзүү жана өчүрүү ар башка санда - ошондо жымылдабайт
  if (!isOn && light < DARK_ON) {
    isOn = true;
  }
  if (isOn && light > LIGHT_OFF) {
    isOn = false;
  }

  // жарыкты акырындык менен өзгөртөбүз
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
