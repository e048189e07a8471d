// Server-Sent Events over fetch (EventSource cannot POST or send an Authorization header): yields each event's data.

/** Yields the data of each event of a text/event-stream response until "[DONE]" or the end of the body. */
export async function* readEvents(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
          .join('\n');
        if (!data) continue; // a keep-alive comment
        if (data === '[DONE]') return;
        yield data;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
