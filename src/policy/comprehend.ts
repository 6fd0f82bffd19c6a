/** An entity type Amazon Comprehend's DetectPiiEntities finds. */
export enum PiiEntityType {
  /** A physical address. */
  ADDRESS = 'ADDRESS',
  /** A person's age. */
  AGE = 'AGE',
  /** An AWS access key id. */
  AWS_ACCESS_KEY = 'AWS_ACCESS_KEY',
  /** An AWS secret access key. */
  AWS_SECRET_KEY = 'AWS_SECRET_KEY',
  /** A bank account number. */
  BANK_ACCOUNT_NUMBER = 'BANK_ACCOUNT_NUMBER',
  /** A bank routing number. */
  BANK_ROUTING = 'BANK_ROUTING',
  /** A Canadian health service number. */
  CA_HEALTH_NUMBER = 'CA_HEALTH_NUMBER',
  /** A Canadian social insurance number. */
  CA_SOCIAL_INSURANCE_NUMBER = 'CA_SOCIAL_INSURANCE_NUMBER',
  /** A payment card's verification code. */
  CREDIT_DEBIT_CVV = 'CREDIT_DEBIT_CVV',
  /** A payment card's expiry date. */
  CREDIT_DEBIT_EXPIRY = 'CREDIT_DEBIT_EXPIRY',
  /** A payment card number. */
  CREDIT_DEBIT_NUMBER = 'CREDIT_DEBIT_NUMBER',
  /** A date or time. */
  DATE_TIME = 'DATE_TIME',
  /** A driver's license number. */
  DRIVER_ID = 'DRIVER_ID',
  /** An email address. */
  EMAIL = 'EMAIL',
  /** An IBAN. */
  INTERNATIONAL_BANK_ACCOUNT_NUMBER = 'INTERNATIONAL_BANK_ACCOUNT_NUMBER',
  /** An Indian Aadhaar number. */
  IN_AADHAAR = 'IN_AADHAAR',
  /** An Indian NREGA job card number. */
  IN_NREGA = 'IN_NREGA',
  /** An Indian permanent account number. */
  IN_PERMANENT_ACCOUNT_NUMBER = 'IN_PERMANENT_ACCOUNT_NUMBER',
  /** An Indian voter id number. */
  IN_VOTER_NUMBER = 'IN_VOTER_NUMBER',
  /** An IPv4 address. */
  IP_ADDRESS = 'IP_ADDRESS',
  /** A vehicle's license plate. */
  LICENSE_PLATE = 'LICENSE_PLATE',
  /** A MAC address. */
  MAC_ADDRESS = 'MAC_ADDRESS',
  /** A person's name. */
  NAME = 'NAME',
  /** A passport number. */
  PASSPORT_NUMBER = 'PASSPORT_NUMBER',
  /** A password. */
  PASSWORD = 'PASSWORD',
  /** A phone number. */
  PHONE = 'PHONE',
  /** A personal identification number. */
  PIN = 'PIN',
  /** A US social security number. */
  SSN = 'SSN',
  /** A SWIFT bank code. */
  SWIFT_CODE = 'SWIFT_CODE',
  /** A UK NHS number. */
  UK_NATIONAL_HEALTH_SERVICE_NUMBER = 'UK_NATIONAL_HEALTH_SERVICE_NUMBER',
  /** A UK national insurance number. */
  UK_NATIONAL_INSURANCE_NUMBER = 'UK_NATIONAL_INSURANCE_NUMBER',
  /** A UK unique taxpayer reference. */
  UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER = 'UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER',
  /** A web address. */
  URL = 'URL',
  /** A user name. */
  USERNAME = 'USERNAME',
  /** A US individual taxpayer identification number. */
  US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER = 'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
  /** A vehicle identification number. */
  VEHICLE_IDENTIFICATION_NUMBER = 'VEHICLE_IDENTIFICATION_NUMBER',
}

/** A kind of toxicity Amazon Comprehend's DetectToxicContent scores. */
export enum ToxicityLabel {
  /** Graphic descriptions of violence, injury or gore. */
  GRAPHIC = 'GRAPHIC',
  /** Harassment or abuse of a person. */
  HARASSMENT_OR_ABUSE = 'HARASSMENT_OR_ABUSE',
  /** Hate speech against a group. */
  HATE_SPEECH = 'HATE_SPEECH',
  /** Insults. */
  INSULT = 'INSULT',
  /** Profanity. */
  PROFANITY = 'PROFANITY',
  /** Sexual content. */
  SEXUAL = 'SEXUAL',
  /** Threats of violence. */
  VIOLENCE_OR_THREAT = 'VIOLENCE_OR_THREAT',
}

/** The language Amazon Comprehend is asked to analyze a message in. */
export enum ComprehendLanguage {
  /** English: every API analyzes it. */
  ENGLISH = 'en',
  /** Spanish: PII detection analyzes it, toxicity detection does not (a policy with toxicity rules fails synth). */
  SPANISH = 'es',
  /**
   * The language DetectDominantLanguage finds in each message: one more call per message, made
   * before the others (they wait for it). A message in a language an API does not analyze is
   * handled as `unsupportedLanguage` says.
   */
  DETECTED = 'detect',
}

/** What a rule does for a message in a language its API does not analyze. */
export enum UnsupportedLanguageAction {
  /** The rule finds nothing: its conditions do not hold, and it redacts nothing. */
  NOT_DETECTED = 'notDetected',
  /** The message is answered by the policy's error action: denied when the flow moderates. */
  ON_ERROR = 'onError',
}

/** How a flow's Amazon Comprehend rules run. */
export interface ComprehendOptions {
  /**
   * The language DetectPiiEntities and DetectToxicContent are asked in.
   *
   * @default ComprehendLanguage.ENGLISH
   */
  readonly language?: ComprehendLanguage;

  /**
   * What a rule does for a message in a language its API does not analyze (PII detection
   * analyzes English and Spanish, toxicity detection English). Matters with
   * `ComprehendLanguage.DETECTED` only: a fixed language is checked against the rules at synth.
   *
   * @default UnsupportedLanguageAction.ON_ERROR
   */
  readonly unsupportedLanguage?: UnsupportedLanguageAction;
}

/** An Amazon Comprehend API the processor calls, as its metrics name it (their ComprehendApi dimension). */
export enum ComprehendOperation {
  /** DetectDominantLanguage. */
  DETECT_DOMINANT_LANGUAGE = 'DetectDominantLanguage',
  /** DetectPiiEntities. */
  DETECT_PII_ENTITIES = 'DetectPiiEntities',
  /** DetectToxicContent. */
  DETECT_TOXIC_CONTENT = 'DetectToxicContent',
}
