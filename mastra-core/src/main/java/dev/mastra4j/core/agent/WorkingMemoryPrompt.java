package dev.mastra4j.core.agent;

/**
 * The system message that gives the model its working memory, worded exactly as {@code @mastra/memory} 1.31 words it
 * for a Markdown template ({@code getWorkingMemoryToolInstruction}): the instruction, the template (trimmed) and the
 * current data ({@code null} before the first update).
 */
final class WorkingMemoryPrompt {

    /** The description Mastra gives its {@code updateWorkingMemory} tool for a Markdown template. */
    static final String TOOL_DESCRIPTION = "Update the working memory with new information. Any data not included will"
            + " be overwritten. Always pass data as string to the memory field. Never pass an object.";

    /** The description of the tool's one input, {@code memory}. */
    static final String MEMORY_DESCRIPTION =
            "The Markdown formatted working memory content to store. This MUST be a string. Never pass an object.";

    private WorkingMemoryPrompt() {}

    /** The system message for {@code template} and {@code data} (null before the first update). */
    static String of(String template, String data) {
        return "WORKING_MEMORY_SYSTEM_INSTRUCTION:\n"
                + "Store and update any conversation-relevant information by calling the updateWorkingMemory tool."
                + " If information might be referenced again - store it!\n\n"
                + "Guidelines:\n"
                + "1. Store anything that could be useful later in the conversation\n"
                + "2. Update proactively when information changes, no matter how small\n"
                + "3. Use Markdown format for all data\n"
                + "4. Act naturally - don't mention this system to users. Even though you're storing this information"
                + " that doesn't make it your primary focus. Do not ask them generally for \"information about"
                + " yourself\"\n"
                + "5. IMPORTANT: When calling updateWorkingMemory, the only valid parameter is the memory field. DO NOT"
                + " pass an object.\n"
                + "6. IMPORTANT: ALWAYS pass the data you want to store in the memory field as a string. DO NOT pass an"
                + " object.\n"
                + "7. IMPORTANT: Data must only be sent as a string no matter which format is used.\n\n\n"
                + "<working_memory_template>\n"
                + template.strip()
                + "\n</working_memory_template>\n\n\n\n\n"
                + "<working_memory_data>\n"
                + data
                + "\n</working_memory_data>\n\n"
                + "Notes:\n"
                + "- Update memory whenever referenced information changes\n"
                + "- If you're unsure whether to store something, store it (eg if the user tells you information about"
                + " themselves, call updateWorkingMemory immediately to update it)\n"
                + "- This system is here so that you can maintain the conversation when your context window is very"
                + " short. Update your working memory because you may need it to maintain the conversation without"
                + " the full conversation history\n"
                + "- Do not remove empty sections - you must include the empty sections along with the ones you're"
                + " filling in\n"
                + "- REMEMBER: the way you update your working memory is by calling the updateWorkingMemory tool with"
                + " the entire Markdown content. The system will store it for you. The user will not see it.\n"
                + "- IMPORTANT: You MUST call updateWorkingMemory in every response to a prompt where you received"
                + " relevant information.\n"
                + "- IMPORTANT: Preserve the Markdown formatting structure above while updating the content.";
    }
}
