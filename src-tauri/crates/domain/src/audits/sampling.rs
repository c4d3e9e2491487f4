//! Sampling prompts: what an internal auditor picks and looks at for each clause area, in our
//! own words. Looked up by the longest clause prefix; every requirement clause 4–10 resolves
//! to a prompt of its own area (a test checks it).

/// `(clause area, prompt)`.
const PROMPTS: &[(&str, &str)] = &[
    (
        "4.1",
        "Open the issues list and pick two issues: is each dated, owned and was it looked at in the last management review? Is the climate decision recorded with its reason?",
    ),
    (
        "4.2",
        "Pick two interested parties (one customer, one supplier or regulator): can you trace each of their requirements to a contract, law or service level?",
    ),
    (
        "4.3",
        "Read the scope statement aloud and compare it with the service catalogue and the last two customer contracts: does every service delivered under them fall inside or is its exclusion explained?",
    ),
    (
        "4.4",
        "Take the process map and pick three processes: is there a named owner and a record from the last month showing each actually ran?",
    ),
    (
        "5.1",
        "Ask top management what the SMS achieved last quarter and what it needs next: can they point to the objectives, the resources given and the last review?",
    ),
    (
        "5.2",
        "Ask two staff members where the service management policy is and what it means for their work; check its version and approval date.",
    ),
    (
        "5.3",
        "Pick three roles from the role list: is each held by a named person who knows they hold it, with a deputy where the role is critical?",
    ),
    (
        "6.1",
        "Pick three risks from the register: does each have an owner, a rating, a treatment and an action whose status is current?",
    ),
    (
        "6.2",
        "Pick two SMS objectives: is each measurable, with an owner, a due date and a recent measurement?",
    ),
    (
        "6.3",
        "Open the service management plan: are its dates, resources and responsibilities still true today? Pick one planned item and check it happened.",
    ),
    (
        "7.1",
        "Compare the resources the plan names (people, tools, budget) with what is actually in place this month; note any gap.",
    ),
    (
        "7.2",
        "Pick two people in key roles: is there a record of the competence their role needs and of how they got it (training, experience)?",
    ),
    (
        "7.3",
        "Ask two staff members how their work contributes to the services and what happens if they ignore a procedure.",
    ),
    (
        "7.4",
        "Pick one customer communication and one internal one from last quarter: did they follow the communication plan (who, what, when, how)?",
    ),
    (
        "7.5",
        "Pick three documents from the register: does each have an owner, a version, an approval and is the copy people use the current one? Pick two records: are they kept as long as the retention rule says?",
    ),
    (
        "7.6",
        "Pick two knowledge articles used last month: are they current, owned and findable by the service desk?",
    ),
    (
        "8.1",
        "Pick one process change from last quarter: was it planned, were its risks considered and was the outsourced part (if any) controlled?",
    ),
    (
        "8.2.1",
        "Open the service catalogue and pick two services: do their descriptions match what customers actually buy?",
    ),
    (
        "8.2.2",
        "Pick one new or retired service or a customer commitment from the last six months: was it planned and approved before it was promised?",
    ),
    (
        "8.2.3",
        "Pick one process another party runs: is it named in the scope, is its performance reviewed and who in the firm answers for it?",
    ),
    (
        "8.2.4",
        "Pick two entries in the service catalogue: do dependencies and service levels match the agreements?",
    ),
    (
        "8.2.5",
        "Pick three assets (a server, a licence, a laptop) in the asset register and find each in reality, and one real asset and find it in the register.",
    ),
    (
        "8.2.6",
        "Pick five configuration items and compare what is recorded with what is running; pick one change and check the configuration record was updated after it.",
    ),
    (
        "8.3.1",
        "Pick one customer and one supplier relationship: is the owner named and is there a record of the last contact or review?",
    ),
    (
        "8.3.2",
        "Pick two complaints or satisfaction results from last quarter: were they recorded, answered and followed up?",
    ),
    (
        "8.3.3",
        "Pick two service level agreements: are targets measured each month and were missed targets reviewed with the customer?",
    ),
    (
        "8.3.4",
        "Pick two suppliers from the register: is there a current contract, a performance review in the last year and an owner?",
    ),
    (
        "8.4.1",
        "Pick one service: can the firm show its budget and its actual costs for the last quarter?",
    ),
    (
        "8.4.2",
        "Pick one demand forecast or customer growth plan: was it used to plan capacity?",
    ),
    (
        "8.4.3",
        "Pick two capacity measurements from last month (storage, licences, staff hours): were thresholds set and breaches acted on?",
    ),
    (
        "8.5.1",
        "Pick three changes from last quarter: was each recorded, assessed for risk and approved before it was deployed, and reviewed afterwards? Pick one emergency change and check its later review.",
    ),
    (
        "8.5.2",
        "Pick one new or changed service from the last year: was it designed and tested against agreed acceptance criteria before go-live, and were the results compared with the plan?",
    ),
    (
        "8.5.3",
        "Pick two releases: were they tested and approved before deployment, and was a failed release (if any) rolled back and reviewed?",
    ),
    (
        "8.6.1",
        "Pick five incidents from last month, including one major: were they logged, prioritised, resolved within target and closed with the user? Was the major one reported to management?",
    ),
    (
        "8.6.2",
        "Pick three service requests: was each approved by someone entitled to approve it before it was fulfilled?",
    ),
    (
        "8.6.3",
        "Pick one problem record: was the root cause found, a known error recorded and the fix checked to work?",
    ),
    (
        "8.7.1",
        "Pick one service: compare its measured availability for the last three months with its target; was an outage investigated?",
    ),
    (
        "8.7.2",
        "Open the last continuity test report: was the plan tested as scheduled, did the test pass and were lessons acted on?",
    ),
    (
        "8.7.3",
        "Pick two security controls and one security incident: is each control operating (e.g. an access review done on time) and was the incident handled and analysed?",
    ),
    (
        "9.1",
        "Pick two measures from the measurement plan: were they measured when planned and were the results evaluated by someone?",
    ),
    (
        "9.2",
        "Open the audit programme: were the audits so far done on time, by auditors independent of what they audited, and were their findings followed up?",
    ),
    (
        "9.3",
        "Open the last management review minutes: did top management attend, were all inputs covered and were the decided actions done?",
    ),
    (
        "9.4",
        "Pick two service reports from last quarter: did they reach the agreed audience on time and did a decision or action follow a trend they showed?",
    ),
    (
        "10.1",
        "Pick two nonconformities: were they corrected, their causes found, corrective actions taken and their effectiveness verified before closure?",
    ),
    (
        "10.2",
        "Pick two improvement opportunities: were they evaluated against the criteria, and an approved one implemented and measured?",
    ),
];

/// A general prompt for a clause without one of its own (never needed for clauses 4–10).
pub const GENERAL_PROMPT: &str =
    "Pick two recent records for this requirement and check they show it is done as described.";

/// The prompt of the longest clause area that contains `clause`, if any.
pub fn prompt_for(clause: &str) -> Option<&'static str> {
    PROMPTS
        .iter()
        .filter(|(area, _)| clause == *area || clause.starts_with(&format!("{area}.")))
        .max_by_key(|(area, _)| area.len())
        .map(|(_, p)| *p)
}
