using System.Globalization;

namespace RunAi.Simulator.Data;

/// <summary>The names generated data is made of: projects, departments, node pools, users, images.</summary>
internal static class Vocabulary
{
    public static readonly string[] ProjectNames = ["team-a", "team-b", "team-c", "team-d", "team-e", "team-f"];
    public static readonly string[] ProjectIds = ["4501", "4502", "4503", "4504", "4505", "4506"];
    public static readonly string[] DepartmentNames = ["research", "engineering", "ml-platform"];
    public static readonly string[] DepartmentIds = ["21", "22", "23"];
    public static readonly string[] Nodepools = ["default", "a100-pool", "h100-pool", "cpu-pool"];
    public static readonly string[] Users = ["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com", "erin@example.com", "frank@example.com", "grace@example.com", "heidi@example.com"];
    public static readonly string[] Frameworks = ["PyTorch", "TF", "MPI", "XGBoost", "JAX"];
    public static readonly string[] Words = ["bert", "llama", "resnet", "gpt", "vit", "whisper", "mistral", "yolo", "t5", "clip", "sdxl", "gemma"];

    private static readonly string[] Images = ["nvcr.io/nvidia/pytorch:24.05-py3", "nvcr.io/nvidia/tensorflow:24.05-tf2-py3", "jupyter/scipy-notebook:latest", "nvcr.io/nim/meta/llama3-8b-instruct:1.0.0", "vllm/vllm-openai:v0.5.0", "runai/tensorboard:2.16"];

    /// <summary>One of the two images that suit the type; <paramref name="pick"/> chooses which.</summary>
    public static string ImageFor(WorkloadType type, int pick) => type switch
    {
        WorkloadType.Workspace => Images[pick % 2 == 0 ? 2 : 0],
        WorkloadType.Inference => Images[3 + (pick % 2)],
        _ => Images[pick % 2],
    };

    public static string AiApplicationId(int app) => "aiapp-" + app.ToString(CultureInfo.InvariantCulture);

    public static string AiApplicationName(int app) => "llm-app-" + app.ToString(CultureInfo.InvariantCulture);
}
