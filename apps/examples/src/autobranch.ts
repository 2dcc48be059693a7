// AutoBranch: find where a text could branch, and start a branch at a suggestion.
import { ChatRoutes } from 'chatroutes';

const client = new ChatRoutes();

const health = await client.autobranch.health();
console.log(`AutoBranch is ${health.status} (version ${health.version})`);

const text = 'Should I learn Python or JavaScript first? And also, which editor should I use?';
const { suggestions, metadata } = await client.autobranch.suggestBranches({
  text,
  suggestionsCount: 3,
  hybridDetection: false,
  threshold: 0.5,
});
console.log(
  `${metadata.totalBranchPointsFound} branch points found by ${metadata.detectionMethod} detection`,
);
for (const suggestion of suggestions) {
  const { start, end } = suggestion.branchPoint;
  console.log(
    `- ${suggestion.title} (${Math.round(suggestion.confidence * 100)}%): "${text.slice(start, end)}"`,
  );
}

// analyzeText is the same detection without the bring-your-own-LLM settings.
const analysis = await client.autobranch.analyzeText('Tea or coffee?');
console.log(`"Tea or coffee?" has ${analysis.suggestions.length} suggestion(s).`);
