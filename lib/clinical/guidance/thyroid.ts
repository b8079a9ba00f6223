/**
 * Thyroid: AACE/ATA 2012 hypothyroidism guideline (Garber), ATA 2014 levothyroxine guideline (Jonklaas), ATA
 * 2016 hyperthyroidism guideline (Ross) and the FDA biotin safety communication, paraphrased.
 */
import type { Claim } from "./types";

export const THYROID_GUIDANCE: Claim[] = [
  {
    id: "aace-ata.subclinical-tsh-10",
    text: "In subclinical hypothyroidism with TSH above 10 mIU/L, treatment with levothyroxine should be considered: these patients are at higher risk of heart failure and cardiovascular death.",
    keywords: "subclinical hypothyroidism TSH 10 levothyroxine treat heart failure",
    requires: ["thyroid", "subclinical-hypothyroid-pattern", "tsh-10-or-more"],
    source: "garberHypothyroidism2012",
  },
  {
    id: "aace-ata.subclinical-tsh-below-10",
    text: "When TSH is above the reference range but below 10 mIU/L, decide on treatment individually: consider it particularly with symptoms of hypothyroidism, positive anti-TPO antibodies, or atherosclerotic cardiovascular disease, heart failure or their risk factors.",
    keywords: "subclinical hypothyroidism TSH below 10 individualise TPO antibodies symptoms cardiovascular",
    requires: ["thyroid", "subclinical-hypothyroid-pattern", "tsh-below-10"],
    source: "garberHypothyroidism2012",
  },
  {
    id: "aace-ata.central-free-t4",
    text: "In central hypothyroidism TSH cannot be relied on: use free T4, not TSH, to diagnose it and to guide treatment.",
    keywords: "central hypothyroidism pituitary hypothalamic free T4 TSH unreliable monitor",
    requires: ["thyroid", "central-pattern"],
    source: "garberHypothyroidism2012",
  },
  {
    id: "ata-lt4.dose-and-timing",
    text: "In primary hypothyroidism treated with levothyroxine, aim for a TSH within the reference range; take levothyroxine consistently, about 60 minutes before breakfast or at bedtime well after the evening meal, and apart from interfering supplements such as iron and calcium.",
    keywords: "levothyroxine dose TSH target absorption timing breakfast bedtime iron calcium adherence replacement",
    requires: ["thyroid", "levothyroxine"],
    source: "jonklaasHypothyroidism2014",
  },
  {
    id: "ata-hyper.etiology",
    text: "Determine the cause of thyrotoxicosis; when it is not clinically apparent, measure TSH-receptor antibodies, radioactive iodine uptake or thyroidal blood flow on ultrasound. Beta-blockade is recommended for symptomatic thyrotoxicosis, especially in older adults, with resting heart rate above 90 or with cardiovascular disease.",
    keywords: "thyrotoxicosis hyperthyroidism cause TRAb radioactive iodine uptake ultrasound beta blocker Graves",
    requires: ["thyroid", "hyperthyroid-pattern"],
    source: "rossHyperthyroidism2016",
  },
  {
    id: "ata-hyper.subclinical-tsh-below-0.1",
    text: "When TSH is persistently below 0.1 mU/L, treat subclinical hyperthyroidism in everyone aged 65 or over, with cardiac risk factors, heart disease or osteoporosis, in postmenopausal women not on oestrogen or bisphosphonates, and with hyperthyroid symptoms; consider treatment in asymptomatic people under 65.",
    keywords: "subclinical hyperthyroidism TSH below 0.1 suppressed treat age 65 osteoporosis atrial fibrillation persistent repeat",
    requires: ["thyroid", "subclinical-hyperthyroid-pattern", "tsh-below-0.1"],
    source: "rossHyperthyroidism2016",
  },
  {
    id: "ata-hyper.subclinical-tsh-0.1-or-more",
    text: "When TSH is persistently below the reference range but at least 0.1 mU/L, consider treating subclinical hyperthyroidism at age 65 or over and with cardiac disease, osteoporosis or hyperthyroid symptoms; asymptomatic people under 65 without these can be observed.",
    keywords: "subclinical hyperthyroidism mild low TSH 0.1 observe repeat persistent age 65",
    requires: ["thyroid", "subclinical-hyperthyroid-pattern", "tsh-0.1-or-more"],
    source: "rossHyperthyroidism2016",
  },
  {
    id: "fda.biotin-interference",
    text: "Ask patients about biotin, including hair, skin and nail supplements; tell the laboratory when a patient takes it; and consider biotin interference when a hormone result does not fit the clinical picture.",
    keywords: "biotin vitamin B7 immunoassay interference streptavidin falsely high low thyroid tests",
    requires: ["thyroid", "biotin"],
    source: "fdaBiotinInterference",
  },
];
