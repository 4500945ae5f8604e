// Runs guide-plan.js on situations for tests/test_guide.py: argv[2] is a JSON file
// {"data": <the page's guide JSON>, "situations": [{"id", "today", "answers"}]}; prints the plans as JSON.
import { readFileSync } from "node:fs";

import { buildPlan } from "../../docs/assets/javascripts/tools/guide-plan.js";

const { data, situations } = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const plans = Object.fromEntries(situations.map((s) => [s.id, buildPlan(data, s.answers, s.today)]));
process.stdout.write(JSON.stringify(plans));
