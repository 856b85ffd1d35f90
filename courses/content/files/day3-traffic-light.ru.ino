// Светофор: красный — пин 12, жёлтый — 11, зелёный — 10
const int RED_PIN = 12;
const int YELLOW_PIN = 11;
const int GREEN_PIN = 10;

void setup() {
  pinMode(RED_PIN, OUTPUT);
  pinMode(YELLOW_PIN, OUTPUT);
  pinMode(GREEN_PIN, OUTPUT);
}

// Выключает все светодиоды
void allOff() {
  digitalWrite(RED_PIN, LOW);
  digitalWrite(YELLOW_PIN, LOW);
  digitalWrite(GREEN_PIN, LOW);
}

void loop() {
  allOff();
  digitalWrite(RED_PIN, HIGH);     // красный: стой
  delay(5000);

  digitalWrite(YELLOW_PIN, HIGH);  // красный + жёлтый: приготовься
  delay(1000);

  allOff();
  digitalWrite(GREEN_PIN, HIGH);   // зелёный: иди
  delay(5000);

  for (int i = 0; i < 3; i++) {    // зелёный мигает три раза
    digitalWrite(GREEN_PIN, LOW);
    delay(500);
    digitalWrite(GREEN_PIN, HIGH);
    delay(500);
  }

  allOff();
  digitalWrite(YELLOW_PIN, HIGH);  // жёлтый
  delay(2000);
}
