/**
 * Words that are never a person's name to the de-identifier, whatever list of given names they are also on:
 * every word of the analyte catalogue's names and aliases (so "Free T4", "Glucose (Fasting)" and "Vitamin D
 * 25-Hydroxy" keep their words), the words labs write around results, common English words, and the given
 * names that are also everyday words ("May", "Will", "Gene", "Grace"). Lowercase.
 */
import { CATALOGUE } from "../clinical/catalogue";

const LAB_WORDS = String.raw`
  positive negative neg pos reactive nonreactive non detected undetected not none nil trace few many rare
  occasional moderate mild marked large small normal abnormal high low critical borderline equivocal
  indeterminate inconclusive pending cancelled canceled see comment comments note notes result results value
  values test tests testing panel profile screen screening confirm confirmed confirmation verified corrected
  amended final preliminary prelim report reported range reference interval ratio index count counts level
  levels total free direct indirect bound unbound fasting nonfasting random serum plasma blood whole urine
  stool csf fluid venous arterial capillary hemolyzed hemolysed haemolysed hemolysis lipemic lipaemic icteric
  clotted clot insufficient quantity specimen specimens sample samples collect collected collection recollect
  redraw redrawn draw drawn repeat repeated received sent send out send-out run rerun performed method
  yellow amber straw clear cloudy hazy turbid red dark pale colorless colourless orange pink
  bloody culture growth flora mixed organism organisms gram stain cocci rods bacilli yeast fungi
  sensitive susceptible resistant intermediate antibody antibodies antigen antigens titer titre cell cells
  factor syndrome disease diseases virus viral type strain protein proteins enzyme hormone vitamin acid acids
  hemoglobin haemoglobin glucose lipid lipids cholesterol iron sodium potassium calcium chloride magnesium
  phosphorus zinc copper lead mercury urea nitrogen creatinine albumin globulin bilirubin alkaline phosphatase
  thyroid stimulating thyroxine triiodothyronine insulin cortisol testosterone estradiol progesterone
  ferritin transferrin folate folic thiamine biotin platelet platelets neutrophils lymphocytes monocytes
  eosinophils basophils blasts bands segs hematocrit mean corpuscular volume distribution width differential
  manual automated auto estimated calculated calc derived adjusted corrected hydroxy dihydroxy glycated
  glycosylated specific gravity ketones nitrite leukocyte esterase casts crystals epithelial bacteria mucus
  occult immunoassay chromatography spectrometry electrophoresis lymphoma carcinoma cancer tumor tumour marker
  markers anemia anaemia deficiency diabetes kidney renal liver hepatic cardiac heart lung thyroid bone
  function metabolic comprehensive basic complete lipoprotein lipoproteins density particle particles
  cystatin troponin natriuretic peptide reactive sedimentation rate prothrombin time thromboplastin partial
  activated fibrinogen dimer heparin warfarin inr anti antinuclear rheumatoid cyclic citrullinated
  hepatitis hiv influenza covid sars coronavirus strep streptococcus staphylococcus aureus escherichia coli
  salmonella shigella campylobacter clostridium difficile chlamydia gonorrhoeae trachomatis syphilis
  herpes simplex varicella zoster rubella measles mumps epstein barr cytomegalovirus toxoplasma lyme
  willebrand von bence coombs hopkins friedewald sampson cockcroft gault westergren wintrobe giemsa wright
  hashimoto crohn hodgkin raynaud sjogren
  patient patients pt pts doctor physician provider nurse team ward unit floor clinic clinician lab labs
  laboratory hospital office department dept service services icu er ed or ob gyn md do rn np pa phd dds
  clinical pathology outpatient inpatient
  phone fax email address street avenue road drive lane suite apartment box zip code city state county
  mg dl ml ul fl pg mmol umol nmol pmol meq iu miu units unit hour hours hr hrs day days week weeks wk month
  months year years yr yrs old age aged male female man woman men women boy girl adult child infant baby
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today
  tomorrow yesterday morning evening night noon midnight am pm
`;

/** Common English words, among them every one that reads as a verb or adjective after "patient". */
const ENGLISH = String.raw`
  a an and are as at be been being but by can could did do does done for from had has have he her here him
  his how i if in into is it its me might must my no nor of off on once only or our out over per she should
  so some than that the their them then there these they this those through to too under until up upon us
  very was we were what when where which while who whom why will with would yes yet you your all any both
  each every more most other such again also just now still already never always often please thanks thank
  report reports stated states state says said denies denied notes noted taking takes took take given give
  gives got get gets went go goes going came come comes seen see sees saw called calls call calling informed
  informing advised aware prior previous previously recent recently current currently new old well unwell
  better worse stable unstable feeling feels felt fine ok okay doing started stopped start stop stops
  continue continues continued since after before during about above below between within without against
  ordered order orders requested request refused declined consented agreed wants wanted needs needed needs
  has had having was were is are on off admitted discharged presented presents complains complained
  reviewed review verified notified discussed spoke instructed educated counseled counselled
  first second third last next one two three four five six seven eight nine ten
  mr mrs ms mx miss dr drs prof rev sr sra srta sir dame
`;

/** Given names that are also everyday or lab words, kept out of the given-name test. */
const WORD_NAMES = String.raw`
  free will may mark gene grace hope faith joy june april august rose ruby pearl iris ivy holly daisy lily
  violet hazel amber jade coral crystal ginger olive basil sage page lane chase cliff drew gray grey king
  young long white black brown green earl carol christian precious baby love lucky sunny candy honey sky
  storm rain misty sandy rusty dusty sonny dean major royal noble rich guy ray art bill don pat sue al sal
  val van ed les max mel gay hunter carter cole price miles frank rod dale glen glenn wade bud buck chuck
  doc jack jean bob penny summer autumn winter dawn eve star angel bishop cash clay colt dell dot early fay
  flora ford gale gus hale heath jay jewel kit lea lee lou mac marsh merry mickey moss neil page rocky rowan
  sterling stone sunshine tad tex tracy trinity tuesday una unity wolf york
`;

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Every word of the catalogue's names and aliases: the analyte vocabulary names must never eat. */
function catalogueWords(): string[] {
  return CATALOGUE.flatMap((definition) => [definition.name, ...definition.aliases].flatMap((name) => name.toLowerCase().split(/[^a-z]+/)));
}

const longer = (list: string[]) => list.filter((word) => word.length > 1);

/** Lab, clinical and common English words: never part of a name, even right after "Patient:" or "Dr.". */
export const NEVER_A_NAME: ReadonlySet<string> = new Set(longer([...words(LAB_WORDS), ...words(ENGLISH), ...catalogueWords()]));

/** NEVER_A_NAME and the given names that are everyday words: not a name unless a label or title says so. */
export const NOT_A_NAME: ReadonlySet<string> = new Set([...NEVER_A_NAME, ...longer(words(WORD_NAMES))]);
