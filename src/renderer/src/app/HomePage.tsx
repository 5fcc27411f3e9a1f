import { Stack, Text, Title } from '@mantine/core';

export function HomePage() {
  return (
    <Stack>
      <Title order={2}>Welcome</Title>
      <Text>Start with your councils and teams, then plan a meeting.</Text>
    </Stack>
  );
}
